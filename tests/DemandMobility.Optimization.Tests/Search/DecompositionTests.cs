using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Phases;
using DemandMobility.Optimization.Search.Subproblems;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>The decomposition phase (POPMUSIC subproblems of neighbouring routes), checked by the independent validator.</summary>
public class DecompositionTests
{
    /// <summary>A seeded instance on a line with windows spread over the day, ride limits and a homogeneous fleet.</summary>
    private static Problem Line(int seed, int requests, int vehicles)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        for (int v = 0; v < vehicles; v++) lp.AddVehicle(new LoadVector(3), shiftEnd: 1000, maxDuration: 900);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-60, 61), to = rng.Next(-60, 61);
            double e = rng.Next(0, 800);
            lp.AddRequest(from, to, new TimeWindow(e, e + 60), new TimeWindow(0, 1000), new LoadVector(1),
                maxRide: Math.Abs(to - from) * 2 + 20, service: 2);
        }
        return lp.Build();
    }

    private static Solution ToSolution(SearchContext ctx, SearchState state) =>
        new(state.Routes.Where(r => r.RequestStops > 0).Select(r => r.ToPlan(ctx.Evaluator)).ToImmutableArray(),
            state.Unassigned.ToImmutableArray(), state.TrueCost(ctx));

    [Fact]
    public void Writing_back_a_solved_subproblem_keeps_the_solution_valid_and_never_worse()
    {
        int improved = 0;
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = Line(seed, 30, 6);
            var start = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 5, seed)).Solve(p);
            var (ctx, state) = SearchStateFixture.Build(p, start, seed);
            double before = state.TrueCost(ctx);
            var rng = new Random(seed);
            var vehicles = Enumerable.Range(0, p.Vehicles.Length).OrderBy(_ => rng.Next()).Take(3).ToList();
            var sub = Subproblem.Extract(ctx, state, vehicles);
            Assert.Equal(sub.Cost, sub.Initial.Cost, 9);
            Assert.True(SolutionValidator.Validate(sub.Problem, sub.Initial).IsValid, $"seed {seed}: the extracted routes are not a valid plan of the subproblem");
            var solved = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 300, seed)).Solve(sub.Problem, sub.Initial);
            bool written = sub.WriteBack(ctx, state, solved);
            var check = SolutionValidator.Validate(p, ToSolution(ctx, state));
            if (!check.IsValid) throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", check.Violations)}");
            double after = state.TrueCost(ctx);
            Assert.Equal(after, check.Objective.Total, 6);
            Assert.True(after <= before + 1e-9, $"seed {seed}: {after} > {before}");
            Assert.Equal(written, after < before - 1e-9);
            if (written) improved++;
            for (int r = 0; r < p.Requests.Length; r++)
                Assert.Equal(state.RouteOf[r], state.Routes.Single(x => x.Stops.ToArray().Any(s => s.Request == r && s.Kind == StopKind.Pickup)).Vehicle);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), prop);
        Assert.True(improved > 0, "no subproblem improved on a 5-iteration start: the test checks nothing");
    }

    [Fact]
    public void A_plan_that_is_not_cheaper_is_not_written_back()
    {
        var p = Line(7, 20, 4);
        var start = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 50, 1)).Solve(p);
        var (ctx, state) = SearchStateFixture.Build(p, start, 1);
        var before = state.Routes.Select(r => r.Stops.ToArray()).ToList();
        var sub = Subproblem.Extract(ctx, state, [0, 1, 2]);
        Assert.False(sub.WriteBack(ctx, state, sub.Initial));
        // A plan that leaves a request out is refused even though it is cheaper.
        var dropped = sub.Initial with { Routes = ImmutableArray<RoutePlan>.Empty, Unserved = [0], Cost = 0 };
        Assert.False(sub.WriteBack(ctx, state, dropped));
        for (int v = 0; v < p.Vehicles.Length; v++) Assert.Equal(before[v], state.Routes[v].Stops.ToArray());
    }

    /// <summary>Decomposition from 1 request on, subproblems of about 10 requests.</summary>
    private static readonly SolverTuning Decomposed = new() { DecompositionFrom = 1, DecompositionSubRequests = 10, DecompositionIterations = 100 };

    [Fact]
    public void Solver_with_decomposition_is_valid_reproducible_and_no_worse_than_its_start()
    {
        for (int seed = 1; seed <= 4; seed++)
        {
            var p = Line(seed, 60, 10);
            var options = new SolverOptions(TimeSpan.FromMinutes(5), 2_000, seed);
            var a = new Solver(options, Decomposed).Solve(p);
            var b = new Solver(options, Decomposed).Solve(p);
            var constructed = new Solver(options with { MaxIterations = 0 }, Decomposed).Solve(p);
            var check = SolutionValidator.Validate(p, a);
            Assert.True(check.IsValid, $"seed {seed}: {string.Join("; ", check.Violations)}");
            Assert.Equal(a.Cost, check.Objective.Total, 6);
            Assert.Equal(a.Cost, b.Cost);
            Assert.True(a.Cost < constructed.Cost - 1e-9, $"seed {seed}: {a.Cost} not below the construction's {constructed.Cost}");
        }
    }

    [Fact]
    public void Solver_with_decomposition_and_two_workers_is_reproducible_for_an_iteration_limit()
    {
        var p = Line(11, 60, 10);
        var options = new SolverOptions(TimeSpan.FromMinutes(5), 2_000, 3, Workers: 2);
        var a = new Solver(options, Decomposed).Solve(p);
        var b = new Solver(options, Decomposed).Solve(p);
        Assert.True(SolutionValidator.Validate(p, a).IsValid);
        Assert.Equal(a.Cost, b.Cost);
    }

    [Fact]
    public void Decomposition_does_not_apply_to_small_pinned_or_live_problems()
    {
        var small = Line(1, 20, 4);
        Assert.False(Decomposition.Applies(SearchStateFixture.Build(small, null, 1).Ctx, new SolverTuning()));
        Assert.True(Decomposition.Applies(SearchStateFixture.Build(small, null, 1).Ctx, Decomposed));
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(3));
        lp.AddVehicle(new LoadVector(3));
        lp.AddRequest(1, 5, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(2, 6, LineProblem.Any, LineProblem.Any, pinned: 1);
        Assert.False(Decomposition.Applies(SearchStateFixture.Build(lp.Build(), null, 1).Ctx, Decomposed));
    }
}
