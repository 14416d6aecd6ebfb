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

/// <summary>Tests of the string-removal ruin and the pair-exchange local search on their own.</summary>
public class OperatorTests
{
    private static (SearchContext Ctx, SearchState State) Build(Problem p, Solution? plan, int seed) =>
        SearchStateFixture.Build(p, plan, seed);

    /// <summary>RouteOf, Unassigned and the routes' stops describe the same assignment, and every route is feasible.</summary>
    private static bool Consistent(SearchState s)
    {
        var seen = new int[s.RouteOf.Length];
        foreach (var route in s.Routes)
        {
            if (!route.Feasible) return false;
            foreach (var stop in route.Stops)
            {
                if (stop.Request < 0 || stop.Kind == StopKind.Break) continue;
                if (s.RouteOf[stop.Request] != route.Vehicle) return false;
                seen[stop.Request]++;
            }
        }
        for (int r = 0; r < seen.Length; r++)
        {
            bool assigned = s.RouteOf[r] >= 0;
            if (assigned ? seen[r] != 2 : seen[r] != 0) return false;
            if (assigned == s.Unassigned.Contains(r)) return false;
        }
        return true;
    }

    [Fact]
    public void String_removal_removes_whole_requests_and_keeps_the_state_consistent()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 100_000)), seed =>
        {
            var (ctx, state) = Build(RandomInstances.Create(seed, maxRequests: 12, maxVehicles: 3), null, seed);
            new RegretInsertion(2, false).Recreate(ctx, state);
            int before = state.Unassigned.Count;
            int assigned = state.RouteOf.Length - before;
            new StringRemoval().Ruin(ctx, state, 1 + seed % 4);
            int removed = state.Unassigned.Count - before;
            return Consistent(state) && (assigned == 0 ? removed == 0 : removed >= 1);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
    }

    [Fact]
    public void Exchange_never_worsens_and_keeps_the_state_consistent()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 100_000)), seed =>
        {
            var (ctx, state) = Build(RandomInstances.Create(seed, maxRequests: 12, maxVehicles: 4), null, seed);
            new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
            double before = state.Cost(ctx);
            new ExchangeLocalSearch(new GranularNeighbourhood(int.MaxValue, 20)).Run(ctx, state, 3, () => false);
            return Consistent(state) && state.Cost(ctx) <= before + 1e-9;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
    }

    [Fact]
    public void Exchange_swaps_two_requests_that_relocate_cannot_move()
    {
        // Vehicle 0 starts at x = 0 and vehicle 1 at x = 100; both end at the depot x = 0. Request 0 goes
        // 100 → 101, request 1 goes 0 → 1, both picked up in [100, 110], so a vehicle serves only one of them and
        // relocating either one alone is infeasible. Plan: vehicle 0 serves request 0, vehicle 1 request 1.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1), startX: 0);
        lp.AddVehicle(new LoadVector(1), startX: 100);
        lp.AddRequest(100, 101, new TimeWindow(100, 110), LineProblem.Any);
        lp.AddRequest(0, 1, new TimeWindow(100, 110), LineProblem.Any);
        var p = lp.Build();
        var plan = LineProblem.Plan(
            (0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery) }),
            (1, new[] { (1, StopKind.Pickup), (1, StopKind.Delivery) }));
        var (ctx, state) = Build(p, plan, 1);
        // Swapped: 0→100→101→0 = 202 and 100→0→1→0 = 102. Exchanged: 0→0→1→0 = 2 and 100→100→101→0 = 102.
        Assert.Equal(304, state.Cost(ctx), 6);

        new RelocateLocalSearch(new GranularNeighbourhood(int.MaxValue, 20)).Run(ctx, state, 3, () => false);
        Assert.Equal(304, state.Cost(ctx), 6);

        bool changed = new ExchangeLocalSearch(new GranularNeighbourhood(int.MaxValue, 20)).Run(ctx, state, 3, () => false);

        Assert.True(changed);
        Assert.Equal(1, state.RouteOf[0]);
        Assert.Equal(0, state.RouteOf[1]);
        Assert.Equal(104, state.Cost(ctx), 6);
        Assert.True(Consistent(state));
    }
}
