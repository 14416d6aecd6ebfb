using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>School-run and KombiBUS days: pupils before the bell on their school's vehicles, parcels on time or reported late.</summary>
public sealed class KindScenarioTests
{
    [Fact]
    public async Task Pupils_ride_only_their_schools_vehicles_and_arrive_before_the_bell()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestKinds.School(3);
        var demand = TestKinds.Pupils(scenario, 24, 3, travel);
        var result = await Simulation.RunAsync(scenario, travel, demand);

        Invariants.Check(result, scenario.Options.BoardingTime);
        Assert.True(result.Kpis["pupils_served"] >= 12, $"only {result.Kpis["pupils_served"]} of 24 pupils served");
        foreach (var t in result.Trips.Where(t => t.Outcome == TripOutcome.Served))
        {
            string prefix = t.Group == TestKinds.Schools[0] ? "a-" : "b-";
            Assert.StartsWith(prefix, t.VehicleId, StringComparison.Ordinal);
            Assert.True(t.RideSeconds - scenario.Options.BoardingTime.TotalSeconds <= TimeSpan.FromMinutes(40).TotalSeconds + 1, $"{t.TripId} rode {t.RideSeconds} s");
        }
        Assert.True(result.Kpis["school_max_ride_s"] > 0);
        Assert.True(result.Kpis["school_latest_arrival_margin_s"] >= -1);
        Assert.True(result.Kpis["school_km_per_pupil"] > 0);
    }

    [Fact]
    public async Task Parcels_travel_with_passengers_and_are_delivered_on_time_or_reported_late()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestKinds.Kombi(4);
        var demand = TestKinds.PassengersAndParcels(scenario, 25, 10, 4, travel);
        var result = await Simulation.RunAsync(scenario, travel, demand);

        Invariants.Check(result, scenario.Options.BoardingTime);
        Assert.Equal(10, (int)result.Kpis["parcels"]);
        Assert.True(result.Kpis["parcels_delivered"] >= 5, $"only {result.Kpis["parcels_delivered"]} parcels delivered");
        int onTime = result.Trips.Count(t => t.Kind == TripKind.Parcel && t.Outcome == TripOutcome.Served && t.DropoffTime <= t.LatestArrival);
        Assert.Equal(onTime / result.Kpis["parcels_delivered"], result.Kpis["parcels_on_time_share"], 9);
        Assert.True(result.Kpis["passengers_added_delay_s"] >= 0);
    }
}
