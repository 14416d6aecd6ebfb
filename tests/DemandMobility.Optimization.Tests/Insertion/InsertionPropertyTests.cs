using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Insertion;

public class InsertionPropertyTests
{
    /// <summary>A random small instance (seeded) with a plan built by repeated best insertion.</summary>
    private static (Problem Problem, Solution Plan, int Free) Scenario(int seed)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        int vehicles = 1 + rng.Next(3);
        for (int v = 0; v < vehicles; v++)
            lp.AddVehicle(new LoadVector(1 + rng.Next(3), rng.Next(2)), maxDuration: rng.Next(2) == 0 ? double.PositiveInfinity : 400);
        int requests = 3 + rng.Next(8);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-50, 51), to = rng.Next(-50, 51);
            double e = rng.Next(0, 200);
            var pickup = rng.Next(2) == 0 ? new TimeWindow(e, e + 30) : LineProblem.Any;
            double direct = Math.Abs(to - from);
            var delivery = rng.Next(2) == 0 ? new TimeWindow(e + direct, e + direct + 60) : LineProblem.Any;
            lp.AddRequest(from, to, pickup, delivery, new LoadVector(1, rng.Next(4) == 0 ? 1 : 0),
                maxRide: rng.Next(2) == 0 ? double.PositiveInfinity : direct * 1.5 + 10, service: rng.Next(3));
        }
        var p = lp.Build();
        var plan = LineProblem.EmptyPlan;
        for (int r = 0; r < requests - 1; r++)
        {
            var opts = InsertionService.FindInsertions(p, plan, r, 1);
            if (opts.Count == 0) continue;
            plan = plan with { Routes = plan.Routes.Where(x => x.Vehicle != opts[0].Vehicle).Append(opts[0].Route).ToImmutableArray() };
        }
        return (p, plan, requests - 1);
    }

    private static Solution Complete(Problem p, ImmutableArray<RoutePlan> routes)
    {
        var served = routes.SelectMany(r => r.Stops).Where(s => s.Kind == StopKind.Delivery).Select(s => s.Request).ToHashSet();
        var unserved = Enumerable.Range(0, p.Requests.Length).Where(r => !served.Contains(r)).ToImmutableArray();
        return new Solution(routes, unserved, routes.Sum(r => LineProblem.RouteDistance(p, r)) + p.Weights.Unserved * unserved.Length);
    }

    [Fact]
    public void Every_option_passes_the_independent_validator_and_removal_restores_the_route()
    {
        int withOptions = 0;
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var (p, plan, free) = Scenario(seed);
            var options = InsertionService.FindInsertions(p, plan, free, 50);
            if (options.Count > 0) withOptions++;
            for (int k = 0; k < options.Count; k++)
            {
                var o = options[k];
                if (k > 0 && options[k - 1].CostDelta > o.CostDelta + 1e-9) return false;
                var routes = plan.Routes.Where(x => x.Vehicle != o.Vehicle).Append(o.Route).ToImmutableArray();
                var result = SolutionValidator.Validate(p, Complete(p, routes));
                if (!result.IsValid) return false;
                var before = plan.Routes.FirstOrDefault(x => x.Vehicle == o.Vehicle)?.Stops.Select(s => (s.Request, s.Kind)).ToArray()
                             ?? Array.Empty<(int, StopKind)>();
                var after = o.Route.Stops.Where(s => s.Request != free).Select(s => (s.Request, s.Kind)).ToArray();
                if (!before.SequenceEqual(after)) return false;
                double expected = LineProblem.RouteDistance(p, o.Route)
                                  - (plan.Routes.FirstOrDefault(x => x.Vehicle == o.Vehicle) is { } b ? LineProblem.RouteDistance(p, b) : 0);
                if (Math.Abs(expected - o.CostDelta) > 1e-6) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
        Assert.True(withOptions >= 50, $"only {withOptions} of 200 scenarios had a feasible insertion: the property barely ran");
    }
}
