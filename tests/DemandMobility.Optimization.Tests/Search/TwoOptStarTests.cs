using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>The 2-opt* tail exchange on its own.</summary>
public class TwoOptStarTests
{
    private static (SearchContext Ctx, SearchState State) Build(Problem p, Solution? plan, int seed) =>
        SearchStateFixture.Build(p, plan, seed);

    private static double RoutingCost(SearchState s) => s.Routes.Sum(r => r.Metrics.Cost);

    [Fact]
    public void Crossed_tails_are_exchanged_at_the_empty_points()
    {
        // v0: r0 (10 → 20) then r3 (−30 → −40); v1: r1 (−10 → −20) then r2 (30 → 40): 120 + 120.
        // Swapping the tails after the first request of each gives 0→10→20→30→40→0 and its mirror: 80 + 80.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1));
        lp.AddVehicle(new LoadVector(1));
        int r0 = lp.AddRequest(10, 20, LineProblem.Any, LineProblem.Any);
        int r1 = lp.AddRequest(-10, -20, LineProblem.Any, LineProblem.Any);
        int r2 = lp.AddRequest(30, 40, LineProblem.Any, LineProblem.Any);
        int r3 = lp.AddRequest(-30, -40, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();
        var plan = LineProblem.Plan(
            (0, new[] { (r0, StopKind.Pickup), (r0, StopKind.Delivery), (r3, StopKind.Pickup), (r3, StopKind.Delivery) }),
            (1, new[] { (r1, StopKind.Pickup), (r1, StopKind.Delivery), (r2, StopKind.Pickup), (r2, StopKind.Delivery) }));
        var (ctx, state) = Build(p, plan, 1);
        Assert.Equal(240, RoutingCost(state), 9);

        Assert.True(new SegmentLocalSearch(new TwoOptStarMove()).Run(ctx, state, 2, () => false));

        Assert.Equal(160, RoutingCost(state), 9);
        Assert.Equal(state.RouteOf[r0], state.RouteOf[r2]);
        Assert.Equal(state.RouteOf[r1], state.RouteOf[r3]);
        Assert.NotEqual(state.RouteOf[r0], state.RouteOf[r1]);
    }

    [Fact]
    public void No_cut_inside_a_ride()
    {
        // r0 (10 → 40) is on board over the whole of v0's route with r2 (20 → 30) nested inside: the only empty
        // points of v0 are its start and end, so r2 cannot move alone to v1 even though that would be shorter
        // for a line-only cost; the operator may only move whole tails.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(2));
        lp.AddVehicle(new LoadVector(2));
        int r0 = lp.AddRequest(10, 40, LineProblem.Any, LineProblem.Any);
        int r2 = lp.AddRequest(20, 30, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();
        var plan = LineProblem.Plan((0, new[] { (r0, StopKind.Pickup), (r2, StopKind.Pickup), (r2, StopKind.Delivery), (r0, StopKind.Delivery) }));
        var (ctx, state) = Build(p, plan, 1);
        new SegmentLocalSearch(new TwoOptStarMove()).Run(ctx, state, 2, () => false);
        Assert.Equal(state.RouteOf[r0], state.RouteOf[r2]);
        Assert.Equal(80, RoutingCost(state), 9);
    }

    [Fact]
    public void Keeps_routes_feasible_and_groups_respected_and_never_raises_the_cost()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 100_000)), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 12, maxVehicles: 4, groups: seed % 2 == 0 ? 2 : 0);
            var (ctx, state) = Build(p, null, seed);
            new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
            double before = RoutingCost(state);
            new SegmentLocalSearch(new TwoOptStarMove()).Run(ctx, state, 3, () => false);
            if (RoutingCost(state) > before + 1e-9) return false;
            foreach (var route in state.Routes)
            {
                if (!route.Feasible) return false;
                foreach (var s in route.Stops)
                {
                    if (s.Request < 0) continue;
                    if (state.RouteOf[s.Request] != route.Vehicle) return false;
                    if (!ctx.Data.Allowed(s.Request, route.Vehicle)) return false;
                }
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
    }
}
