using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Validation;

public class ValidatorRobustnessTests
{
    /// <summary>Arbitrary garbage routes: unknown vehicles and requests, any stop kind, any times including NaN and infinities.</summary>
    private static Solution Garbage(Problem p, int seed)
    {
        var rng = new Random(seed);
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1, 0, 1e300];
        double Time() => rng.Next(10) == 0 ? special[rng.Next(special.Length)] : rng.NextDouble() * 300;
        var routes = ImmutableArray.CreateBuilder<RoutePlan>();
        for (int r = rng.Next(4); r > 0; r--)
        {
            var stops = ImmutableArray.CreateBuilder<ScheduledStop>();
            for (int s = rng.Next(8); s > 0; s--)
                stops.Add(new ScheduledStop(rng.Next(-2, p.Requests.Length + 2), (StopKind)rng.Next(4), Time(), Time(), Time()));
            routes.Add(new RoutePlan(rng.Next(-1, p.Vehicles.Length + 1), Time(), stops.ToImmutable(), Time()));
        }
        return new Solution(routes.ToImmutable(), [.. Enumerable.Range(0, rng.Next(4)).Select(_ => rng.Next(-1, 4))], Time());
    }

    [Fact]
    public void Validator_never_throws_and_reports_garbage_as_violations()
    {
        ImmutableArray<VehicleState> states = [new VehicleState(0, [new OnBoardRequest(0, 3)], [new StopRef(1, StopKind.Pickup)])];
        var p = LineProblem.Create(vehicle: (v, i) => i == 1 ? v with { Break = new BreakRule(10, 50, 5) } : v, states: states);
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var solution = Garbage(p, seed);
            var result = SolutionValidator.Validate(p, solution);
            // r0 is on board of vehicle 0 and MustServe, vehicle 0 has a locked stop and the cost is random:
            // garbage cannot be valid, and every problem must come back as a described violation.
            return !result.IsValid && result.Violations.All(v => v.Message.Length > 0);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Empty_solution_reports_must_serve_and_on_board_requests()
    {
        ImmutableArray<VehicleState> states = [new VehicleState(1, [new OnBoardRequest(1, 0)], [])];
        var p = LineProblem.Create(states: states);
        var result = SolutionValidator.Validate(p, new Solution([], [0, 1], 2e6));
        Assert.Contains(result.Violations, v => v.Constraint == ConstraintKind.MustServe && v.Request == 0);
        Assert.Contains(result.Violations, v => v.Constraint == ConstraintKind.OnBoard && v.Request == 1);
    }
}
