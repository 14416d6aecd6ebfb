using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Phases;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// Restarts of the walk after the fleet phase that perturb the best on its own vehicles: the fleet is kept, leftovers
/// go to any vehicle, the open vehicles are restored, and the restarts run only where the walk has room to come back.
/// </summary>
public class FleetKeepingRestartTests
{
    /// <summary>
    /// A seeded line instance with fixed costs whose shifts and windows are so wide that any vehicle can serve every
    /// request one after another, so that a restart on the best's vehicles never needs another one.
    /// </summary>
    private static Problem Roomy(int seed, int requests, int vehicles)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        for (int v = 0; v < vehicles; v++) lp.AddVehicle(new LoadVector(3), shiftEnd: 100_000, fixedCost: 1000);
        for (int r = 0; r < requests; r++)
            lp.AddRequest(rng.Next(-50, 51), rng.Next(-50, 51), new TimeWindow(0, 100_000), new TimeWindow(0, 100_000), service: 1);
        return lp.Build(ObjectiveWeights.DistanceOnly with { FixedCost = 1 });
    }

    private static Solution ToSolution(SearchContext ctx, SearchState state) =>
        new(state.Routes.Where(r => r.RequestStops > 0).Select(r => r.ToPlan(ctx.Evaluator)).ToImmutableArray(),
            state.Unassigned.ToImmutableArray(), state.TrueCost(ctx));

    private static bool[] Used(SearchState state) => state.Routes.Select(r => r.Metrics.Used).ToArray();

    [Fact]
    public void Restart_keeps_the_fleet_of_the_best_and_serves_every_request()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = Roomy(seed, 14, 6);
            // A plan on a random part of the fleet, so that the best leaves vehicles unused.
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            var rng = new Random(seed);
            for (int v = 0; v < ctx.VehicleOpen.Length; v++) ctx.VehicleOpen[v] = rng.Next(3) == 0;
            ctx.VehicleOpen[rng.Next(ctx.VehicleOpen.Length)] = true;
            new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
            Array.Fill(ctx.VehicleOpen, true);
            Assert.Empty(state.Unassigned);
            var best = new BestTracker(state.Clone(), state.TrueCost(ctx), () => { });

            var restarted = state.Clone();
            new Restarts(ctx, best, 0.4).FleetKeepingStart(restarted);

            Assert.Empty(restarted.Unassigned);
            var bestUsed = Used(best.State);
            var used = Used(restarted);
            for (int v = 0; v < used.Length; v++)
                Assert.False(used[v] && !bestUsed[v], $"seed {seed}: vehicle {v} is used after the restart but not by the best");
            Assert.All(ctx.VehicleOpen, Assert.True);
            var check = SolutionValidator.Validate(p, ToSolution(ctx, restarted));
            Assert.True(check.IsValid, $"seed {seed}: {string.Join("; ", check.Violations)}");
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Requests_that_fit_nowhere_on_the_best_vehicles_go_to_any_open_vehicle_and_closed_ones_stay_closed()
    {
        var p = Roomy(7, 8, 4);
        // The best serves nothing: the restart has no vehicle of its own and must fall back to the open ones.
        var (ctx, state) = SearchStateFixture.Build(p, null, 7);
        var best = new BestTracker(state.Clone(), state.TrueCost(ctx), () => { });
        ctx.VehicleOpen[0] = false;

        new Restarts(ctx, best, 0.4).FleetKeepingStart(state);

        Assert.Empty(state.Unassigned);
        Assert.False(state.Routes[0].Metrics.Used);
        Assert.Equal([false, true, true, true], ctx.VehicleOpen);
    }

    [Fact]
    public void Restarts_perturb_only_every_second_time_and_only_with_room_for_the_perturbed_cycle_and_one_from_the_best()
    {
        // Li & Lim 100 at 6 000 iterations: the final walk has 3 000, so after its first cycle (1 000) the next one
        // (2 000) would be the last and is not perturbed.
        Assert.False(AlnsWalk.FleetKeepingRestartDue(1, 2_000, 2_000));
        Assert.True(AlnsWalk.FleetKeepingRestartDue(1, 2_000, 4_000));
        Assert.True(AlnsWalk.FleetKeepingRestartDue(3, 8_000, long.MaxValue));
        Assert.False(AlnsWalk.FleetKeepingRestartDue(2, 4_000, long.MaxValue));
        Prop.ForAll(Gen.Choose(1, 50).ToArbitrary(), Gen.Choose(1, 64_000).ToArbitrary(), Gen.Choose(0, 200_000).ToArbitrary(),
            (restart, cycle, left) =>
                AlnsWalk.FleetKeepingRestartDue(restart, cycle, left) == (restart % 2 == 1 && left >= 2L * cycle))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_run_long_enough_for_fleet_keeping_restarts_is_valid_and_reproducible()
    {
        var p = GuidedEjectionSearchTests.TightProblem(11, 16, 8, fixedCost: 1000);
        var options = new SolverOptions(TimeSpan.FromMinutes(5), 12_000, 3);
        var a = new Solver(options).Solve(p);
        var b = new Solver(options).Solve(p);
        var check = SolutionValidator.Validate(p, a);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Routes.Select(r => (r.Vehicle, r.Stops.Length)), b.Routes.Select(r => (r.Vehicle, r.Stops.Length)));
    }
}
