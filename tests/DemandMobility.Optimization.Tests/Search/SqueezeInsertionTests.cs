using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Insertion;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// The squeeze step of guided ejection search: its least-penalty insertion against brute force over every position
/// pair, with the penalty from a plain forward pass (late arrivals warped back to the window's end, load above
/// capacity) and zero exactly where the exact schedule is feasible; and the squeeze itself, which either serves the
/// request with every route feasible or leaves the state as it was.
/// </summary>
public class SqueezeInsertionTests
{
    [Fact]
    public void Least_penalty_insertion_matches_brute_force_and_is_zero_exactly_where_feasible()
    {
        int violated = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = GuidedEjectionSearchTests.TightProblem(seed, requests: 10 + seed % 5, vehicles: 3);
            var (ctx, state, request, _) = GuidedEjectionSearchTests.WithFreeRequest(p, seed);
            if (request < 0) return true;
            foreach (var route in state.Routes)
            {
                if (!route.Feasible || !SqueezeInsertion.Applies(route)) return false;
                var stops = route.Stops.ToArray().ToList();
                double brute = double.PositiveInfinity;
                for (int i = 0; i <= stops.Count; i++)
                    for (int j = i; j <= stops.Count; j++)
                    {
                        var seq = new List<StopNode>(stops);
                        seq.Insert(j, ctx.Data.Deliveries[request]);
                        seq.Insert(i, ctx.Data.Pickups[request]);
                        double pen = ForwardPenalty(ctx.Data, route.Vehicle, seq);
                        bool feasible = ctx.Evaluator.Evaluate(route.Vehicle, seq.ToArray(), route.InitialLoad, out _);
                        if (feasible != pen < 1e-9) return false;
                        brute = Math.Min(brute, pen);
                    }
                if (!SqueezeInsertion.LeastPenaltyInsertion(ctx.Data, route, request, out int pk, out int dl, out double ours, out _))
                    return false;
                if (Math.Abs(ours - brute) > 1e-6) return false;
                // The position reported has the penalty reported.
                var chosen = new List<StopNode>(stops);
                chosen.Insert(dl, ctx.Data.Deliveries[request]);
                chosen.Insert(pk, ctx.Data.Pickups[request]);
                if (Math.Abs(ForwardPenalty(ctx.Data, route.Vehicle, chosen) - ours) > 1e-6) return false;
                if (brute > 0) violated++;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(80), prop);
        Assert.True(violated >= 40, $"only {violated} routes had no feasible position: the property barely ran");
    }

    [Fact]
    public void Squeeze_serves_the_request_with_every_route_feasible_or_changes_nothing()
    {
        int squeezed = 0, refused = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = GuidedEjectionSearchTests.TightProblem(seed, requests: 14, vehicles: 4);
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            new RegretInsertion(2, false).Recreate(ctx, state);
            var served = Enumerable.Range(0, p.Requests.Length).Where(r => state.RouteOf[r] >= 0).ToList();
            if (served.Count == 0) return true;
            // As in route minimisation: a request of one route goes into the others.
            int request = served[new Random(seed).Next(served.Count)];
            int from = state.RouteOf[request];
            state.Remove(ctx, request);
            var vehicles = state.Routes.Where(r => r.Metrics.Used && r.Vehicle != from).Select(r => r.Vehicle).ToArray();
            bool fitsAsIs = vehicles.Any(v => ctx.Pairs.BestInRoute(state.Routes[v], request, out _, out _, out _));
            var before = Sequences(state);
            var bank = state.Unassigned.OrderBy(r => r).ToArray();
            var squeeze = new SqueezeInsertion();
            if (squeeze.TryInsert(ctx, state, request, vehicles))
            {
                if (!fitsAsIs) squeezed++;
                return state.RouteOf[request] >= 0 && state.Unassigned.OrderBy(r => r).SequenceEqual(bank.Where(r => r != request))
                       && GuidedEjectionSearchTests.Consistent(ctx, state);
            }
            refused++;
            // A request that fits somewhere as it is always goes in (its least penalty is zero).
            return !fitsAsIs && Sequences(state).SequenceEqual(before) && state.Unassigned.OrderBy(r => r).SequenceEqual(bank)
                   && GuidedEjectionSearchTests.Consistent(ctx, state);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        Assert.True(squeezed >= 5 && refused >= 5, $"squeezed {squeezed}, refused {refused}: the property barely ran");
    }

    [Fact]
    public void Squeeze_finds_nothing_where_segments_do_not_decide_feasibility()
    {
        var p = GuidedEjectionSearchTests.TightProblem(3, requests: 12, vehicles: 3, rideLimits: true);
        var (ctx, state, request, _) = GuidedEjectionSearchTests.WithFreeRequest(p, 3);
        var vehicles = state.Routes.Select(r => r.Vehicle).ToArray();
        Assert.All(state.Routes, r => Assert.False(SqueezeInsertion.Applies(r)));
        var before = Sequences(state);
        Assert.False(new SqueezeInsertion().TryInsert(ctx, state, request, vehicles));
        Assert.Equal(before, Sequences(state));
    }

    private static string[] Sequences(SearchState state) =>
        state.Routes.Select(r => string.Join(",", r.Stops.ToArray().Select(x => (x.Request, x.Kind)))).ToArray();

    /// <summary>
    /// Time warp by a forward pass from the shift start (arrive, wait for the window, and where late, count the lateness
    /// and go on as if on time), plus the peak load above capacity in every dimension.
    /// </summary>
    private static double ForwardPenalty(ProblemData data, int vehicle, List<StopNode> seq)
    {
        var veh = data.Problem.Vehicles[vehicle];
        var m = data.Matrix;
        double t = veh.Shift.Earliest, warp = 0;
        int at = veh.StartLocation;
        var load = LoadVector.Zero;
        var peak = LoadVector.Zero;
        foreach (var s in seq)
        {
            t = Math.Max(t + m.Duration(at, s.Location), s.Earliest);
            if (t > s.Latest) { warp += t - s.Latest; t = s.Latest; }
            t += s.Service;
            at = s.Location;
            load += s.Delta;
            peak = LoadVector.Max(peak, load);
        }
        t += m.Duration(at, veh.EndLocation);
        if (t > veh.Shift.Latest) warp += t - veh.Shift.Latest;
        var cap = veh.Capacity;
        return warp + Math.Max(0, peak.Seats - cap.Seats) + Math.Max(0, peak.Wheelchairs - cap.Wheelchairs)
               + Math.Max(0, peak.ParcelUnits - cap.ParcelUnits) + Math.Max(0, peak.Extra - cap.Extra);
    }
}
