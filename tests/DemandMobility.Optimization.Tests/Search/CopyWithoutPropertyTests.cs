using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.LocalSearch;
using DemandMobility.Optimization.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// <see cref="WorkingRoute.CopyWithout"/> (the route minus one or two requests, recomputing only the changed segment)
/// against the rebuild it replaces (the remaining stops set and <see cref="WorkingRoute.Update"/> run): the same stops,
/// feasibility and caches bit for bit, the same use and distance, and the same cheapest insertion of a free request
/// (the ejection check of guided ejection search), on random small routes with tight and wide windows; with ride-time
/// limits it takes the full update.
/// </summary>
public class CopyWithoutPropertyTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Reduced_route_equals_the_rebuilt_one(bool wideWindows, bool rideLimits)
    {
        int compared = 0, insertions = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = wideWindows
                ? RouteSegmentPropertyTests.WithoutRideLimits(RandomInstances.Create(seed, maxRequests: 10, maxVehicles: 2))
                : GuidedEjectionSearchTests.TightProblem(seed, requests: 12, vehicles: 3, fixedCost: 100, rideLimits: rideLimits);
            if (wideWindows)
                p = p with { Vehicles = p.Vehicles.Select(v => v with { MaxRouteDuration = double.PositiveInfinity }).ToImmutableArray() };
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            new RegretInsertion(2, false).Recreate(ctx, state);
            var rng = new Random(seed);
            int free = rng.Next(p.Requests.Length);
            if (state.RouteOf[free] >= 0) state.Remove(ctx, free);
            foreach (var route in state.Routes)
            {
                var requests = route.Stops.ToArray().Where(s => s.Kind == StopKind.Pickup).Select(s => s.Request).ToList();
                if (requests.Count == 0) continue;
                var removed = requests.OrderBy(_ => rng.Next()).Take(1 + rng.Next(Math.Min(2, requests.Count))).ToArray();
                var fast = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
                fast.CopyWithout(route, removed, ctx.Evaluator);
                var rebuilt = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
                rebuilt.SetStops(route.Stops.ToArray().Where(s => !removed.Contains(s.Request)).ToArray());
                rebuilt.Update(ctx.Evaluator);
                if (!SameRoute(fast, rebuilt)) return false;
                compared++;
                bool a = ctx.Pairs.BestInRoute(fast, free, out int fp, out int fd, out double fc);
                bool b = ctx.Pairs.BestInRoute(rebuilt, free, out int rp, out int rd, out double rc);
                if (a != b || (a && (fp, fd) != (rp, rd)) || (a && Math.Abs(fc - rc) > 1e-9)) return false;
                if (a) insertions++;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        Assert.True(compared >= 300 && insertions >= 50, $"{compared} routes compared, {insertions} with an insertion: the property barely ran");
    }

    private static bool SameRoute(WorkingRoute fast, WorkingRoute rebuilt)
    {
        if (fast.Count != rebuilt.Count || fast.Feasible != rebuilt.Feasible || fast.RequestStops != rebuilt.RequestStops
            || fast.NeedsExact != rebuilt.NeedsExact || fast.Metrics.Used != rebuilt.Metrics.Used
            || Math.Abs(fast.Metrics.Distance - rebuilt.Metrics.Distance) > 1e-9
            || Math.Abs(fast.Metrics.TravelTime - rebuilt.Metrics.TravelTime) > 1e-9
            || fast.DurationSlack != rebuilt.DurationSlack)
            return false;
        if (!rebuilt.NeedsExact && Math.Abs(fast.Metrics.Cost - rebuilt.Metrics.Cost) > 1e-9) return false;
        for (int k = 0; k < fast.Count; k++)
            if (fast.Stop(k).Request != rebuilt.Stop(k).Request || fast.Stop(k).Kind != rebuilt.Stop(k).Kind) return false;
        for (int pos = 0; pos <= fast.Count + 1; pos++)
        {
            if (fast.StartAt(pos) != rebuilt.StartAt(pos) || fast.DepartAt(pos) != rebuilt.DepartAt(pos)
                || fast.LatestAt(pos) != rebuilt.LatestAt(pos) || fast.LocationAt(pos) != rebuilt.LocationAt(pos)
                || fast.NextRealLocationAt(pos) != rebuilt.NextRealLocationAt(pos) || fast.LoadAfter(pos) != rebuilt.LoadAfter(pos)
                || fast.RideSlackAfter(pos) != rebuilt.RideSlackAfter(pos))
                return false;
        }
        return true;
    }
}
