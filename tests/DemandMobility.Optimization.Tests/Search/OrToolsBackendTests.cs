using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.OrTools;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Tests.Instances;
using DemandMobility.Optimization.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

public class OrToolsBackendTests
{
    [Fact]
    public void Serves_a_small_line_instance_with_windows_ride_limits_and_capacity_validly()
    {
        var p = SolverTestsProblems.Line(seed: 7, requests: 8, vehicles: 3, fixedCost: 0);
        var s = OrToolsRoutingSolver.Solve(p, TimeSpan.FromSeconds(2));

        var result = SolutionValidator.Validate(p, s);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.DoesNotContain(s.Unserved, r => p.Requests[r].MustServe);
    }

    [Fact]
    public void Chains_the_trips_on_one_vehicle_when_vehicles_cost_a_fixed_amount()
    {
        var lp = new LineProblem();
        for (int v = 0; v < 3; v++) lp.AddVehicle(new LoadVector(1), fixedCost: 1000);
        for (int k = 0; k < 4; k++) lp.AddRequest(10 * k, 10 * k + 5, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();

        var s = OrToolsRoutingSolver.Solve(p, TimeSpan.FromSeconds(2));

        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.Single(s.Routes);
        Assert.Empty(s.Unserved);
    }

    [Fact]
    public void Breaks_are_rejected_with_a_message_naming_them()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1), brk: new BreakRule(100, 200, 30));
        lp.AddRequest(0, 10, LineProblem.Any, LineProblem.Any);
        var e = Assert.Throws<ArgumentException>(() => OrToolsRoutingSolver.Solve(lp.Build(), TimeSpan.FromSeconds(1)));
        Assert.Contains("break", e.Message);
    }

    [Fact]
    public void The_benchmark_runner_validates_an_or_tools_run_on_a_li_lim_instance()
    {
        var instance = LiLimReader.Read(BenchmarkData.LiLim("lc101"));
        var run = BenchmarkRunner.Run(instance, new SolverOptions(TimeSpan.FromSeconds(5)), SolverBackend.OrTools);
        // Whatever OR-Tools reaches in 5 s on a shared machine, the plan it returns is checked by our validator.
        Assert.DoesNotContain(run.Validation.Violations, v => v.Constraint != ConstraintKind.MustServe);
    }
}
