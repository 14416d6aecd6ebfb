using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Properties;
using DemandMobility.Optimization.Tests.Search;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.LocalSearch;

/// <summary>Route segments (Vidal et al. 2013) against the exact schedule of <see cref="ScheduleEvaluator"/>.</summary>
public class RouteSegmentPropertyTests
{
    [Fact]
    public void Head_plus_tail_plus_end_agrees_with_the_exact_schedule_without_ride_limits()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = WithoutRideLimits(RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 2));
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            var rng = new Random(seed);
            var route = state.Routes[0];
            route.SetStops(RandomSequence(ctx.Data, rng));
            route.Update(ctx.Evaluator);
            route.EnsureSegments(ctx.Data);
            var whole = Whole(route, rng.Next(route.Count + 1), ctx.Data.Matrix);
            bool segmentOk = ctx.SegmentCosts.TryCost(route.Vehicle, whole, route.InitialLoad, out double cost);
            if (segmentOk != route.Feasible) return false;
            return !segmentOk || Math.Abs(cost - route.Metrics.Cost) < 1e-6;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void With_ride_limits_the_segment_is_a_relaxation_and_its_cost_a_lower_bound()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 2);
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            var rng = new Random(seed);
            var route = state.Routes[0];
            route.SetStops(RandomSequence(ctx.Data, rng));
            route.Update(ctx.Evaluator);
            route.EnsureSegments(ctx.Data);
            var whole = Whole(route, rng.Next(route.Count + 1), ctx.Data.Matrix);
            bool segmentOk = ctx.SegmentCosts.TryCost(route.Vehicle, whole, route.InitialLoad, out double cost);
            if (route.Feasible && !segmentOk) return false;
            return !route.Feasible || cost <= route.Metrics.Cost + 1e-6;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void Concatenation_is_associative()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 6, maxVehicles: 1);
            var data = new ProblemData(p);
            var rng = new Random(seed);
            var seq = RandomSequence(data, rng);
            if (seq.Length < 3) return true;
            var m = data.Matrix;
            var a = RouteSegment.Of(seq[0]);
            var b = RouteSegment.Of(seq[1]);
            var c = RouteSegment.Of(seq[2]);
            var left = RouteSegment.Concat(RouteSegment.Concat(a, b, m), c, m);
            var right = RouteSegment.Concat(a, RouteSegment.Concat(b, c, m), m);
            return Near(left.Duration, right.Duration) && Near(left.TimeWarp, right.TimeWarp)
                   && Near(left.Earliest, right.Earliest) && Near(left.Latest, right.Latest)
                   && Near(left.Distance, right.Distance) && left.Peak == right.Peak && left.Delta == right.Delta;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    private static bool Near(double x, double y) => x == y || Math.Abs(x - y) < 1e-6;

    /// <summary>The route as head(k) ⊕ tail(k+1) ⊕ end: the split point is random so that every cache is exercised.</summary>
    internal static RouteSegment Whole(WorkingRoute route, int k, ITravelMatrix m)
    {
        var head = route.HeadTo(k);
        var body = k < route.Count ? RouteSegment.Concat(head, route.TailFrom(k + 1), m) : head;
        return RouteSegment.Concat(body, route.EndSegment, m);
    }

    internal static Problem WithoutRideLimits(Problem p) =>
        p with { Requests = p.Requests.Select(r => r with { MaxRideTime = double.PositiveInfinity }).ToImmutableArray() };

    /// <summary>A random subset of the requests in a random order that keeps each pickup before its delivery.</summary>
    internal static StopNode[] RandomSequence(ProblemData data, Random rng)
    {
        var seq = new List<StopNode>();
        for (int r = 0; r < data.RequestCount; r++)
        {
            if (rng.Next(3) == 0) continue;
            int p = rng.Next(seq.Count + 1);
            seq.Insert(p, data.Pickups[r]);
            seq.Insert(p + 1 + rng.Next(seq.Count - p), data.Deliveries[r]);
        }
        return seq.ToArray();
    }
}
