using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>Small days on the real north-bayreuth network, checked by the simulator's own records (see <see cref="Invariants"/>).</summary>
public sealed class ScenarioRunTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Passenger_days_keep_every_promise_and_never_exceed_capacity(int seed)
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestScenarios.Small(seed: seed);
        var demand = TestScenarios.Passengers(scenario, 40, seed, travel);
        var result = await Simulation.RunAsync(scenario, travel, demand);
        Assert.True(result.Completed);
        Assert.Equal(40, (int)result.Kpis["requests"]);
        Assert.True(result.Kpis["served"] > 0, "nothing served");
        Invariants.Check(result, scenario.Options.BoardingTime);
    }

    [Fact]
    public async Task The_same_seed_gives_identical_kpis_json()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestScenarios.Small(seed: 21);
        var demand = TestScenarios.Passengers(scenario, 30, 21, travel);
        var first = await Simulation.RunAsync(scenario, travel, demand);
        var second = await Simulation.RunAsync(scenario, travel, demand);
        Assert.Equal(ResultWriter.KpiJson(first), ResultWriter.KpiJson(second));
        for (int i = 0; i < first.Trips.Length; i++) Assert.Equal(first.Trips[i], second.Trips[i]);
    }

    [Fact]
    public async Task Cancelling_stops_the_day_and_still_writes_partial_results()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestScenarios.Small(seed: 5);
        var demand = TestScenarios.Passengers(scenario, 40, 5, travel);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(0.3, cts);
        var result = await Simulation.RunAsync(scenario, travel, demand, null, progress, cts.Token);

        Assert.False(result.Completed);
        Assert.True(result.Kpis["unfinished"] > 0, "a day stopped at 30 % must leave trips unfinished");
        Invariants.KpisAddUp(result);
        string dir = Path.Combine(Path.GetTempPath(), "dm-sim-partial-" + Guid.NewGuid().ToString("N"));
        try
        {
            ResultWriter.Write(result, dir);
            Assert.Contains("\"completed\": false", File.ReadAllText(Path.Combine(dir, "kpis.json")), StringComparison.Ordinal);
            Assert.Equal(41, File.ReadAllLines(Path.Combine(dir, "trips.csv")).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Cancels once the simulated day passes a share (reported synchronously by the event loop).</summary>
    private sealed class CancelAt(double share, CancellationTokenSource cts) : IProgress<double>
    {
        public void Report(double value)
        {
            if (value >= share && value < 1) cts.Cancel();
        }
    }
}
