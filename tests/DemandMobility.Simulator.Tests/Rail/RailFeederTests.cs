using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Rail;

/// <summary>
/// Rail feeders: a share of the trips is tied to trains of the illustrative timetable, every train runs late, and the
/// engine moves the tied bookings; each promised connection gets a verdict in the trip records and the KPIs add up.
/// </summary>
public sealed class RailFeederTests
{
    private static LoadedScenario WithRail(RailFeederSettings rail, int seed = 7)
    {
        var small = TestScenarios.Small(vehicles: 4, seed: seed);
        return ScenarioLoader.Resolve(small.Settings with { RailFeeders = rail }, "test-rail", AppContext.BaseDirectory);
    }

    /// <summary>The small day's passengers, every second one asking by arrival time (those become rides home).</summary>
    private static DemandSet Demand(LoadedScenario scenario)
    {
        var d = TestScenarios.Passengers(scenario, 40, 3, TestRoadNetwork.Travel);
        var trips = d.Trips.Select((t, i) => i % 2 == 1 && t.EarliestPickup is { } p ? t with { EarliestPickup = null, LatestArrival = p.AddMinutes(40) } : t);
        return new DemandSet([.. trips], d.Issues);
    }

    [Fact]
    public async Task Late_trains_move_the_tied_bookings_and_every_promised_connection_has_a_verdict()
    {
        var scenario = WithRail(new RailFeederSettings { Share = 0.6, DelayedShare = 1, DelayMinMin = 4, DelayMaxMin = 10 });
        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, Demand(scenario)).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.Completed);
        var tied = result.Trips.Where(t => t.Train is not null).ToArray();
        Assert.NotEmpty(tied);
        Assert.Contains(tied, t => t.LatestArrival is not null);      // feeders
        Assert.Contains(tied, t => t.LatestArrival is null);          // rides home
        Assert.All(tied, t => Assert.InRange(t.TrainDelaySeconds!.Value, 4 * 60, 10 * 60));
        // Every confirmed booking tied to a train has a verdict; every miss names its cause.
        Assert.All(tied.Where(t => t.BookingId is not null), t => Assert.NotNull(t.Connection));
        Assert.All(tied.Where(t => t.Connection?.StartsWith("missed", StringComparison.Ordinal) == true),
            t => Assert.Matches("^missed:[a-z_]+$", t.Connection!));
        var k = result.Kpis;
        int promised = tied.Count(t => t.Connection is { } c && !c.StartsWith("rider:", StringComparison.Ordinal));
        Assert.Equal(promised, k["connections_promised"]);
        Assert.Equal(tied.Count(t => t.Connection == "kept"), k["connections_kept"]);
        Assert.True(promised > 0);
        // Driven as planned, the engine keeps its promises: every connection holds although every train is late.
        var missed = tied.Where(t => t.Connection?.StartsWith("missed", StringComparison.Ordinal) == true).ToArray();
        Assert.True(missed.Length == 0, string.Join("\n", missed.Select(t => t.ToString())));
        Assert.Equal(1.0, k["connections_kept_share"]);
        // A ride home served after a late train is picked up inside the window it was moved to.
        Assert.All(tied.Where(t => t.LatestArrival is null && t.Outcome == TripOutcome.Served),
            t => Assert.InRange(t.PickupTime!.Value, t.PromisedPickupEarliest!.Value, t.PromisedPickupLatest!.Value.AddSeconds(1)));
    }

    [Fact]
    public void The_shipped_rail_scenario_reads_its_rail_feeders_and_finds_the_feed()
    {
        string root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        var scenario = ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", "sprinti-rail.json"));
        var rail = scenario.Settings.RailFeeders!;
        Assert.Equal((0.2, 0.2, 1.0, 10.0, 5.0, 30.0),
            (rail.Share, rail.DelayedShare, rail.DelayMinMin, rail.DelayMaxMin, rail.TransferBufferMin, rail.AnnounceLeadMin));
        Assert.True(Directory.Exists(scenario.RailFeed), scenario.RailFeed);
    }

    [Fact]
    public void Bad_rail_feeder_settings_are_named()
    {
        var small = TestScenarios.Small();
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Resolve(
            small.Settings with { RailFeeders = new RailFeederSettings { Share = 1.5, Feed = "no/such/feed" } }, "test", AppContext.BaseDirectory));
        Assert.Contains("rail_feeders.share", e.Message);
        Assert.Contains("rail_feeders.feed", e.Message);
    }
}
