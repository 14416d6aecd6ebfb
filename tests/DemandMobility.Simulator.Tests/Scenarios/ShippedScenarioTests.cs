using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Scenarios;

/// <summary>
/// The shipped scenarios run end to end under a test-sized demand (their fleets, rules and areas unchanged):
/// the run keeps the invariants, and every trip that is not served says why.
/// </summary>
public sealed class ShippedScenarioTests
{
    private static LoadedScenario Shipped(string file)
    {
        string root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        var scenario = ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", file));
        // Driven exactly as planned, so every promise must be kept by the engine's plan (PunctualityTests runs the noisy world).
        return scenario with { Settings = scenario.Settings with { Reality = DemandMobility.Simulator.Reality.RealitySettings.Exact } };
    }

    [Fact]
    public async Task Sprinti_RunsWithItsFleet_AndServesMostOfASmallDay()
    {
        var scenario = Shipped("sprinti-bayreuth.json");
        scenario = scenario with { Demand = scenario.Demand with { TripsPerDay = 40 } };

        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, Simulation.BuildDemand(scenario));

        Assert.True(result.Completed);
        Assert.Equal(20, result.Vehicles.Length); // ten buses, two driver duties each
        Invariants.Check(result, scenario.Options.BoardingTime);
        Assert.Equal(40, (int)result.Kpis["requests"]);
        // Ten buses for 40 trips: only riders' own choices (cancel, no-show) or trips outside the service hours stay unserved.
        Assert.True(result.Kpis["served_share"] >= 0.8, $"served share {result.Kpis["served_share"]}");
        Assert.All(result.Trips.Where(t => t.Outcome != TripOutcome.Served), t => Assert.False(string.IsNullOrEmpty(t.Reason), t.TripId));
    }

    [Fact]
    public async Task School_EveryPupilIsDeliveredBeforeTheBell_OrHasAReason()
    {
        var scenario = Shipped("school-bayreuth.json");
        scenario = scenario with { Demand = scenario.Demand with { School = scenario.Demand.School! with { Pupils = 24 } } };

        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, Simulation.BuildDemand(scenario));

        Invariants.Check(result, scenario.Options.BoardingTime);
        var pupils = result.Trips.Where(t => t.Kind == TripKind.Pupil).ToArray();
        Assert.Equal(24, pupils.Length);
        Assert.True(result.Kpis["pupils_served"] >= 22, $"only {result.Kpis["pupils_served"]} of 24 pupils served");
        foreach (var p in pupils)
        {
            if (p.Outcome == TripOutcome.Served) Assert.True(p.DropoffTime <= p.LatestArrival, $"{p.TripId} late");
            else Assert.False(string.IsNullOrEmpty(p.Reason), p.TripId);
            // The area fix: no pupil is drawn where the buses cannot reach.
            Assert.NotEqual("invalid_argument_origin", p.Reason);
        }
        var html = DemandMobility.Simulator.Report.HtmlReport.Render(result);
        Assert.Contains("School arrival vs bell", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kombibus_RunsWithParcels_AndItsComparisonRunGivesFiniteAddedDelays()
    {
        var scenario = Shipped("kombibus-bayreuth.json");
        scenario = scenario with
        {
            Demand = scenario.Demand with { TripsPerDay = 30, Parcels = scenario.Demand.Parcels! with { ParcelsPerDay = 8 } },
        };
        var demand = Simulation.BuildDemand(scenario);

        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, demand);
        var impact = await ParcelImpactRun.RunAsync(scenario, TestRoadNetwork.Travel, demand, result);

        Invariants.Check(result, scenario.Options.BoardingTime);
        Assert.Equal(8, (int)result.Kpis["parcels"]);
        Assert.All(result.Trips.Where(t => t.Kind == TripKind.Parcel && t.Outcome == TripOutcome.Served),
            t => Assert.True(t.DropoffTime <= t.LatestArrival, $"{t.TripId} delivered late"));
        Assert.True(impact.Completed);
        Assert.Equal(30, impact.Passengers.Length);
        Assert.All(impact.Kpis.Values, v => Assert.True(double.IsFinite(v)));
        Assert.InRange(impact.Kpis["passengers_affected_share"], 0, 1);
        Assert.InRange(impact.Kpis["passengers_served_share_diff"], -1, 1);
        Assert.True(impact.Kpis["passengers_added_compared"] > 0);
    }
}
