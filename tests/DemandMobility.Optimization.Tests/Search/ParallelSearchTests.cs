using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Tests.Instances;
using DemandMobility.Optimization.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

public class ParallelSearchTests
{
    private static SolverOptions TwoWorkers(long iterations, int seed) => new(TimeSpan.FromMinutes(5), iterations, seed, Workers: 2);

    private static string Fingerprint(Solution s) =>
        string.Join("|", s.Routes.Select(r => r.Vehicle + ":" + string.Join(",", r.Stops.Select(x => (x.Request, x.Kind, x.ServiceStart)))));

    [Fact]
    public void Two_workers_with_an_iteration_limit_are_reproducible_on_a_darp_instance()
    {
        // 7 500 iterations per worker cross five episode ends (1 500 iterations each), so a worker whose best stalls
        // for two of them may take over the other's (SolverTuning.ExchangeStallRounds).
        var instance = DarpReader.Read(BenchmarkData.Darp("a2-16"));
        var a = new Solver(TwoWorkers(7_500, 3)).Solve(instance.Problem);
        var b = new Solver(TwoWorkers(7_500, 3)).Solve(instance.Problem);

        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        var validation = SolutionValidator.Validate(instance.Problem, a);
        Assert.True(validation.IsValid, string.Join("\n", validation.Violations));
    }

    [Fact]
    public void Two_workers_with_route_minimisation_are_reproducible()
    {
        // Fixed vehicle costs: each worker first runs route minimisation (its length depends on the worker's own
        // stalls), then meets the other at the ends of its annealing cycles.
        var p = SolverTestsProblems.Line(seed: 23, requests: 18, vehicles: 5, fixedCost: 100);
        var a = new Solver(TwoWorkers(3_000, 5)).Solve(p);
        var b = new Solver(TwoWorkers(3_000, 5)).Solve(p);

        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.True(SolutionValidator.Validate(p, a).IsValid);
    }

    [Fact]
    public void One_worker_follows_the_single_threaded_search()
    {
        var p = SolverTestsProblems.Line(seed: 11, requests: 16, vehicles: 3, fixedCost: 0);
        var single = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 600, 4)).Solve(p);
        var one = new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 600, 4, Workers: 1)).Solve(p);
        Assert.Equal(Fingerprint(single), Fingerprint(one));
    }

    [Fact]
    public void Zero_workers_is_rejected_with_the_field_named()
    {
        var p = SolverTestsProblems.Line(seed: 1, requests: 2, vehicles: 1, fixedCost: 0);
        var e = Assert.Throws<ArgumentException>(() => new Solver(new SolverOptions(TimeSpan.FromSeconds(1), 10, 1, Workers: 0)).Solve(p));
        Assert.Contains("Workers", e.Message);
    }

    [Fact]
    public void Under_a_time_limit_two_workers_return_a_valid_plan_in_time()
    {
        var instance = DarpReader.Read(BenchmarkData.Darp("a3-24"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var s = new Solver(new SolverOptions(TimeSpan.FromSeconds(2), Seed: 1, Workers: 2)).Solve(instance.Problem);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.True(SolutionValidator.Validate(instance.Problem, s).IsValid);
        Assert.Empty(s.Unserved);
    }
}

/// <summary>Seeded random line instances with windows, ride limits and mixed loads (as in <see cref="SolverTests"/>).</summary>
internal static class SolverTestsProblems
{
    public static Problem Line(int seed, int requests, int vehicles, double fixedCost)
    {
        var rng = new Random(seed);
        var lp = new Insertion.LineProblem();
        for (int v = 0; v < vehicles; v++)
            lp.AddVehicle(new LoadVector(3, 1), shiftEnd: 600, maxDuration: 500, fixedCost: fixedCost);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-60, 61), to = rng.Next(-60, 61);
            double e = rng.Next(0, 300);
            double direct = Math.Abs(to - from);
            lp.AddRequest(from, to, new TimeWindow(e, e + 40), new TimeWindow(0, 600),
                new LoadVector(1, rng.Next(5) == 0 ? 1 : 0), maxRide: direct * 2 + 20, service: 2, mustServe: r % 2 == 0);
        }
        return lp.Build();
    }
}
