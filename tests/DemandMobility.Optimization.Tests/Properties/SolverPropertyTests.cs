using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Properties;

public class SolverPropertyTests
{
    // The iteration budget is the binding limit; the wall-clock cap only guards against a hang, so a busy
    // machine cannot change the outcome (300 iterations under a 2 s cap missed optima when the CPU was shared;
    // seed 528007 needs more than 3 000 iterations to reach its optimum).
    private static readonly SolverOptions SmallBudget = new(TimeSpan.FromSeconds(30), MaxIterations: 20_000, Seed: 7);

    // Feasibility does not depend on the budget: a short run exercises construction and some LNS moves.
    private static readonly SolverOptions ShortRun = new(TimeSpan.FromSeconds(30), MaxIterations: 500, Seed: 7);

    private static Arbitrary<int> Seeds => Gen.Choose(0, 1_000_000).ToArbitrary();

    [Fact]
    public void Validator_accepts_every_solver_output_and_no_route_is_infeasible()
    {
        var prop = Prop.ForAll(Seeds, seed =>
        {
            var problem = RandomInstances.Create(seed, maxRequests: 10, maxVehicles: 3);
            var solution = new Solver(ShortRun).Solve(problem);
            var result = SolutionValidator.Validate(problem, solution);
            var routeViolations = result.Violations.Where(v => v.Route >= 0).ToList();
            if (routeViolations.Count > 0)
                throw new Xunit.Sdk.XunitException($"seed {seed}: infeasible route: {string.Join("; ", routeViolations)}");
            if (!result.IsValid)
                throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", result.Violations)}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
    }

    [Fact]
    public void Solver_finds_the_brute_force_optimum_on_tiny_instances()
    {
        // Fixed instance seeds (see SolverTests): the solver is a heuristic; a rare miss must be reproducible.
        for (int seed = 1; seed <= 60; seed++)
        {
            var problem = RandomInstances.Create(seed, maxRequests: 4, maxVehicles: 2);
            var exact = BruteForceReference.Solve(problem);
            var check = SolutionValidator.Validate(problem, exact);
            if (!check.IsValid)
                throw new Xunit.Sdk.XunitException($"seed {seed}: the brute-force plan itself is invalid: {string.Join("; ", check.Violations)}");
            double optimum = exact.Cost;
            var solution = new Solver(SmallBudget).Solve(problem);
            var result = SolutionValidator.Validate(problem, solution);
            if (!result.IsValid)
                throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", result.Violations)}");
            if (Math.Abs(result.Objective.Total - optimum) > 1e-6 * Math.Max(1, optimum))
                throw new Xunit.Sdk.XunitException($"seed {seed}: solver cost {result.Objective.Total:R}, brute-force optimum {optimum:R}");
        }
    }

    [Fact]
    public void Brute_force_reference_agrees_with_a_hand_computed_case()
    {
        // Line problem: depot 0, r0 10 → 20, r1 20 → 30, 2 seats: the optimum is one vehicle 0→10→20→30→0 = 60.
        var p = Validation.LineProblem.Create();
        Assert.Equal(60, BruteForceReference.Optimum(p), 9);
        // With one seat the pooled route 0→10→20→20→30→0 is still 60 (r0 drops before r1 boards at 20).
        var oneSeat = Validation.LineProblem.Create(vehicle: (v, _) => v with { Capacity = new Model.LoadVector(1) });
        Assert.Equal(60, BruteForceReference.Optimum(oneSeat), 9);
        // r0's ride limit 5 is below its direct travel time 10: r0 (MustServe) cannot be served at all.
        var impossible = Validation.LineProblem.Create(request: (r, i) => i == 0 ? r with { MaxRideTime = 5 } : r);
        Assert.True(double.IsPositiveInfinity(BruteForceReference.Optimum(impossible)));
    }
}
