using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>Compatibility groups (<see cref="Request.Group"/>, <see cref="Vehicle.Group"/>) on random instances.</summary>
public class GroupPropertyTests
{
    private static readonly SolverOptions ShortRun = new(TimeSpan.FromSeconds(30), MaxIterations: 500, Seed: 3);
    private static readonly SolverOptions SmallBudget = new(TimeSpan.FromSeconds(30), MaxIterations: 20_000, Seed: 7);

    private static Arbitrary<int> Seeds => Gen.Choose(0, 1_000_000).ToArbitrary();

    private static void AssertGroupsRespected(Problem problem, Solution solution, int seed)
    {
        foreach (var route in solution.Routes)
            foreach (var stop in route.Stops)
                if (stop.Request >= 0 && !string.Equals(problem.Requests[stop.Request].Group, problem.Vehicles[route.Vehicle].Group, StringComparison.Ordinal))
                    throw new Xunit.Sdk.XunitException($"seed {seed}: request {stop.Request} on vehicle {route.Vehicle} of another group");
    }

    [Fact]
    public void Solver_output_is_valid_and_never_mixes_groups()
    {
        var prop = Prop.ForAll(Seeds, seed =>
        {
            var problem = RandomInstances.Create(seed, maxRequests: 12, maxVehicles: 4, groups: 2);
            var solution = new Solver(ShortRun).Solve(problem);
            var result = SolutionValidator.Validate(problem, solution);
            if (!result.IsValid)
                throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", result.Violations)}");
            AssertGroupsRespected(problem, solution, seed);
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(50), prop);
    }

    [Fact]
    public void Live_insertion_offers_only_vehicles_of_the_request_group()
    {
        var prop = Prop.ForAll(Seeds, seed =>
        {
            var problem = RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 4, groups: 2);
            // Plan all but the last request with the solver, then ask for the last one's insertions.
            int last = problem.Requests.Length - 1;
            var withoutLast = problem with { Requests = problem.Requests.SetItem(last, problem.Requests[last] with { MustServe = false }) };
            var plan = new Solver(ShortRun).Solve(withoutLast);
            if (plan.Routes.Any(r => r.Stops.Any(s => s.Request == last)))
            {
                var routes = plan.Routes.Select(r => r with { Stops = r.Stops.Where(s => s.Request != last).ToImmutableArray() })
                    .Where(r => r.Stops.Any(s => s.Request >= 0)).ToImmutableArray();
                plan = plan with { Routes = routes };
            }
            foreach (var option in InsertionService.FindInsertions(problem, plan, last))
                if (!string.Equals(problem.Requests[last].Group, problem.Vehicles[option.Vehicle].Group, StringComparison.Ordinal))
                    throw new Xunit.Sdk.XunitException($"seed {seed}: option on vehicle {option.Vehicle} of another group");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
    }

    [Fact]
    public void Solver_finds_the_brute_force_optimum_with_groups()
    {
        for (int seed = 1; seed <= 40; seed++)
        {
            var problem = RandomInstances.Create(seed, maxRequests: 4, maxVehicles: 3, groups: 2);
            double optimum = BruteForceReference.Optimum(problem);
            var solution = new Solver(SmallBudget).Solve(problem);
            var result = SolutionValidator.Validate(problem, solution);
            if (!result.IsValid)
                throw new Xunit.Sdk.XunitException($"seed {seed}: {string.Join("; ", result.Violations)}");
            if (Math.Abs(result.Objective.Total - optimum) > 1e-6 * Math.Max(1, optimum))
                throw new Xunit.Sdk.XunitException($"seed {seed}: solver cost {result.Objective.Total:R}, brute-force optimum {optimum:R}");
        }
    }
}
