using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>
/// Riders who cancel at the last moment: while the bus waits at their stop or boards them (cancel lead 0, or one
/// minute after an immediate booking). Such cancellations must neither leave the bus boarding a stop it no longer
/// has (a refused stop event, then a minute's retry that delays every later rider) nor move the rest of the route
/// off its plan; the invariants stay as strict as on any day.
/// </summary>
public sealed class LateCancellationTests
{
    [Theory]
    // Seeds on which the simulator used to report refused stop events (checked before the fix).
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Last_moment_cancellations_keep_every_promise_and_every_stop_event_accepted(int seed)
    {
        var travel = TestRoadNetwork.Travel;
        var small = TestScenarios.Small(seed: seed);
        var settings = small.Settings with
        {
            Riders = small.Settings.Riders with { CancelProbability = 0.5, CancelLeadMin = 0, NoShowProbability = 0 },
        };
        var scenario = ScenarioLoader.Resolve(settings, "test-late-cancel", AppContext.BaseDirectory);
        var demand = TestScenarios.Passengers(scenario, 60, seed, travel, prebookedShare: 0);
        var result = await Simulation.RunAsync(scenario, travel, demand);
        Assert.True(result.Completed);
        Assert.True(result.Kpis["cancelled"] > 0, "nobody cancelled");
        Assert.True(result.Kpis["served"] > 0, "nothing served");
        Invariants.Check(result, scenario.Options.BoardingTime);
    }
}
