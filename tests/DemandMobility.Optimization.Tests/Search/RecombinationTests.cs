using System.Collections.Immutable;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Pool;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Tests.Instances;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>The route pool and its set-partitioning recombination, checked by the independent validator.</summary>
public class RecombinationTests
{
    /// <summary>Recombination on: pool, three episodes of 300 iterations, a recombination every 100 iterations.</summary>
    private static readonly SolverTuning Pooled = new() { RoutePoolCapacity = 2_000, Episodes = 3, EpisodeLength = 300, RecombineInterval = 100 };

    /// <summary>A seeded instance on a line with windows, ride limits and a homogeneous fleet.</summary>
    private static Problem Line(int seed, int requests, int vehicles)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        for (int v = 0; v < vehicles; v++) lp.AddVehicle(new LoadVector(3), shiftEnd: 600, maxDuration: 500);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-60, 61), to = rng.Next(-60, 61);
            double e = rng.Next(0, 300);
            lp.AddRequest(from, to, new TimeWindow(e, e + 40), new TimeWindow(0, 600), new LoadVector(1),
                maxRide: Math.Abs(to - from) * 2 + 20, service: 2);
        }
        return lp.Build();
    }

    [Fact]
    public void Recombining_the_routes_of_several_runs_is_valid_and_no_worse_than_any_of_them()
    {
        int checkedSeeds = 0;
        for (int seed = 1; seed <= 12; seed++)
        {
            var p = Line(seed, 9, 3);
            var runs = Enumerable.Range(1, 3).Select(s => new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 150, s)).Solve(p)).ToList();
            if (runs.Any(r => r.Unserved.Length > 0)) continue;
            var pool = new RoutePool(p.Requests.Length, 1_000);
            foreach (var run in runs)
            {
                var (_, state) = SearchStateFixture.Build(p, run, 1);
                foreach (var route in state.Routes) pool.Add(route);
            }
            var result = new SetPartitioningSolver().Solve(p.Requests.Length, pool.Sets, pool.Costs, p.Vehicles.Length, double.PositiveInfinity, 1_000_000);
            Assert.True(result.Found, $"seed {seed}: the input runs themselves are partitions");
            var (ctx, target) = SearchStateFixture.Build(p, null, 1);
            Assert.True(pool.Install(result.Columns, target, ctx.Evaluator), $"seed {seed}: a pooled route became infeasible");
            Assert.Empty(target.Unassigned);
            var plans = target.Routes.Where(r => r.RequestStops > 0).Select(r => r.ToPlan(ctx.Evaluator)).ToImmutableArray();
            var solution = new Solution(plans, ImmutableArray<int>.Empty, result.Cost);
            var check = SolutionValidator.Validate(p, solution);
            Assert.True(check.IsValid, $"seed {seed}: {string.Join("; ", check.Violations)}");
            Assert.Equal(result.Cost, check.Objective.Total, 6);
            Assert.True(check.Objective.Total <= runs.Min(r => r.Cost) + 1e-6, $"seed {seed}: {check.Objective.Total} > {runs.Min(r => r.Cost)}");
            checkedSeeds++;
        }
        Assert.True(checkedSeeds >= 6, $"only {checkedSeeds} seeds had complete runs");
    }

    [Fact]
    public void Pool_keeps_one_route_per_request_set()
    {
        var p = Line(3, 8, 3);
        var plan = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 100, 1)).Solve(p);
        var (_, state) = SearchStateFixture.Build(p, plan, 1);
        var pool = new RoutePool(p.Requests.Length, 100);
        int used = state.Routes.Count(r => r.RequestStops > 0);
        foreach (var route in state.Routes) pool.Add(route);
        foreach (var route in state.Routes) Assert.False(pool.Add(route));
        Assert.Equal(used, pool.Count);
        for (int k = 0; k < pool.Count; k++)
        {
            Assert.Equal(pool.Sets[k].Order().ToArray(), pool.Sets[k]);
            Assert.Equal(pool.Routes[k].Cost, pool.Costs[k]);
        }
        Assert.Equal(p.Requests.Length, pool.Sets.Sum(s => s.Length));
        var capped = new RoutePool(p.Requests.Length, 1);
        foreach (var route in state.Routes) capped.Add(route);
        Assert.Equal(Math.Min(1, used), capped.Count);
    }

    [Fact]
    public void Solver_with_recombination_returns_valid_reproducible_solutions()
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = Line(seed, 10, 3);
            var options = new SolverOptions(TimeSpan.FromMinutes(5), 1_500, seed % 7);
            var a = new Solver(options, Pooled).Solve(p);
            var b = new Solver(options, Pooled).Solve(p);
            var check = SolutionValidator.Validate(p, a);
            if (!check.IsValid) throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", check.Violations)}");
            if (Math.Abs(check.Objective.Total - a.Cost) > 1e-6 * Math.Max(1, a.Cost))
                throw new Xunit.Sdk.XunitException($"seed {seed}: reported {a.Cost}, validator {check.Objective.Total}");
            if (a.Cost != b.Cost) throw new Xunit.Sdk.XunitException($"seed {seed}: not reproducible ({a.Cost} vs {b.Cost})");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), prop);
    }

    [Fact]
    public void Solver_with_recombination_on_a_darp_instance_stays_valid()
    {
        var instance = DarpReader.Read(BenchmarkData.Darp("a3-24"));
        var solution = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 4_000, 1), Pooled).Solve(instance.Problem);
        var check = SolutionValidator.Validate(instance.Problem, solution);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective.Total, solution.Cost, 6);
        Assert.Empty(solution.Unserved);
    }
}
