using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Report;

public sealed class ParcelImpactTests
{
    [Fact]
    public async Task WithoutParcels_TheComparisonRunIsTheSameDay_AndEveryAddedDelayIsZero()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestScenarios.Small(vehicles: 2, seed: 11);
        var demand = TestScenarios.Passengers(scenario, 20, 11, travel);
        var run = await Simulation.RunAsync(scenario, travel, demand);

        var impact = await ParcelImpactRun.RunAsync(scenario, travel, demand, run);

        Assert.False(ParcelImpactRun.HasParcels(demand));
        Assert.True(impact.Completed);
        Assert.Equal(20, impact.Passengers.Length);
        Assert.Contains(impact.Passengers, p => p.WithParcels == TripOutcome.Served);
        foreach (var p in impact.Passengers)
        {
            Assert.Equal(p.WithParcels, p.WithoutParcels);
            if (p.WithParcels == TripOutcome.Served) Assert.Equal(0, p.AddedDelaySeconds);
            if (p.AddedWaitSeconds is { } w) Assert.Equal(0, w);
            if (p.AddedRideSeconds is { } r) Assert.Equal(0, r);
        }
        Assert.Equal(0, impact.Kpis["passengers_added_delay_s"]);
        Assert.Equal(0, impact.Kpis["passengers_added_delay_p95_s"]);
        Assert.Equal(0, impact.Kpis["passengers_affected_share"]);
        Assert.Equal(0, impact.Kpis["passengers_served_share_diff"]);
        Assert.Equal(run.Kpis["served"], impact.Kpis["passengers_added_compared"]);
        Assert.Equal(run.Kpis, impact.WithoutParcelsKpis);
    }

    [Fact]
    public async Task WithParcels_RidersKeepTheirDemandAndBehaviour_AndTheKpisAreConsistent()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestKinds.Kombi(5);
        var demand = TestKinds.PassengersAndParcels(scenario, 25, 10, 5, travel);
        var run = await Simulation.RunAsync(scenario, travel, demand);

        var impact = await ParcelImpactRun.RunAsync(scenario, travel, demand, run);
        var attached = ParcelImpactRun.Attach(run, impact);

        var riders = demand.Trips.Where(t => t.Kind != TripKind.Parcel).Select(t => t.Id).ToArray();
        Assert.Equal(riders, impact.Passengers.Select(p => p.TripId).ToArray());
        // The riders' behaviour draws are replayed: a rider booked in both runs cancels or fails to show in both or in neither.
        TripOutcome[] booked = [TripOutcome.Served, TripOutcome.Cancelled, TripOutcome.NoShow];
        foreach (var p in impact.Passengers.Where(p => booked.Contains(p.WithParcels) && booked.Contains(p.WithoutParcels)))
            Assert.True(p.WithParcels == p.WithoutParcels, $"{p.TripId}: {p.WithParcels} with parcels, {p.WithoutParcels} without");

        var both = impact.Passengers.Where(p => p.WithParcels == TripOutcome.Served && p.WithoutParcels == TripOutcome.Served).ToArray();
        Assert.Equal(both.Length, (int)impact.Kpis["passengers_added_compared"]);
        Assert.Equal(both.Average(p => p.AddedDelaySeconds!.Value), impact.Kpis["passengers_added_delay_s"], 6);
        Assert.Equal(both.Average(p => p.AddedRideSeconds!.Value), impact.Kpis["passengers_added_ride_mean_s"], 6);
        Assert.Equal((double)both.Count(p => p.AddedDelaySeconds > ParcelImpactKpis.AffectedThresholdSeconds) / both.Length,
            impact.Kpis["passengers_affected_share"], 9);
        foreach (var value in impact.Kpis.Values) Assert.True(double.IsFinite(value));
        int servedWith = impact.Passengers.Count(p => p.WithParcels == TripOutcome.Served);
        int servedWithout = impact.Passengers.Count(p => p.WithoutParcels == TripOutcome.Served);
        Assert.Equal((servedWith - servedWithout) / 25.0, impact.Kpis["passengers_served_share_diff"], 9);
        Assert.Equal(servedWithout - both.Length, (int)impact.Kpis["passengers_lost_to_parcels"]);
        Assert.Equal(0, impact.WithoutParcelsKpis["parcels"]);

        Assert.Equal(1, attached.Kpis["passengers_added_delay_measured"]);
        Assert.Equal(impact.Kpis["passengers_added_delay_s"], attached.Kpis["passengers_added_delay_s"]);
        Assert.Equal(run.Kpis["passengers_parcel_stop_time_s"], attached.Kpis["passengers_parcel_stop_time_s"]);
    }

    [Fact]
    public async Task TheComparison_IsDeterministic()
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = TestKinds.Kombi(6);
        var demand = TestKinds.PassengersAndParcels(scenario, 15, 6, 6, travel);
        var run = await Simulation.RunAsync(scenario, travel, demand);

        var first = await ParcelImpactRun.RunAsync(scenario, travel, demand, run);
        var second = await ParcelImpactRun.RunAsync(scenario, travel, demand, run);

        Assert.Equal(first.Kpis, second.Kpis);
        // Element by element: ImmutableArray's own equality compares the underlying arrays by reference.
        Assert.Equal(first.Passengers.Length, second.Passengers.Length);
        for (int i = 0; i < first.Passengers.Length; i++) Assert.Equal(first.Passengers[i], second.Passengers[i]);
    }

    [Fact]
    public void ThePassengerDemand_IsTheSameWithAndWithoutParcels()
    {
        // The shipped KombiBUS scenario's demand builder, with its parcels and with the parcels section removed.
        string root = Scenario.RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        var scenario = Scenario.ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", "kombibus-bayreuth.json"));
        scenario = scenario with { Demand = scenario.Demand with { TripsPerDay = 60 } };
        var full = Simulation.BuildDemand(scenario);
        var noParcels = Simulation.BuildDemand(scenario with { Demand = scenario.Demand with { Parcels = null } });

        Assert.True(ParcelImpactRun.HasParcels(full));
        Assert.False(ParcelImpactRun.HasParcels(noParcels));
        Assert.Equal(noParcels.Trips.ToArray(), ParcelImpactRun.WithoutParcels(full).Trips.ToArray());
    }

    [Fact]
    public void APartialComparison_IsAttachedWithoutItsKpis_AndMarksTheRunIncomplete()
    {
        var run = ResultFixtures.Sample() with
        {
            Kpis = ResultFixtures.Sample().Kpis.SetItem("passengers_added_delay_s", 12).SetItem("passengers_added_delay_measured", 0),
        };
        var (kpis, rows) = ParcelImpactKpis.Compare(run, run);
        var partial = new ParcelImpact(kpis, rows, run.Kpis, 0.2, Completed: false);

        var attached = ParcelImpactRun.Attach(run, partial);

        Assert.False(attached.Completed);
        Assert.Same(partial, attached.ParcelImpact);
        Assert.Equal(12, attached.Kpis["passengers_added_delay_s"]);
        Assert.Equal(0, attached.Kpis["passengers_added_delay_measured"]);
        Assert.Contains("comparison run was stopped early", DemandMobility.Simulator.Report.HtmlReport.Render(attached), StringComparison.Ordinal);
    }

    [Fact]
    public void RidersOnlyOneRunServed_CountAsLostOrGained()
    {
        var with = ResultFixtures.Sample();
        var trips = with.Trips.Select(t => t.TripId switch
        {
            "r1" => t with { Outcome = TripOutcome.Rejected, PickupTime = null, DropoffTime = null, WaitSeconds = null, RideSeconds = null },
            "r3" => t with { Outcome = TripOutcome.Served, PickupTime = t.RequestTime, DropoffTime = t.RequestTime.AddMinutes(10), RideSeconds = 600, WaitSeconds = 0 },
            "r2" => t with { DropoffTime = t.DropoffTime!.Value.AddSeconds(-90), RideSeconds = t.RideSeconds - 90 },
            _ => t,
        }).Where(t => t.Kind != TripKind.Parcel).ToImmutableArray();
        var without = with with { Trips = trips };

        var (kpis, rows) = ParcelImpactKpis.Compare(with, without);

        Assert.Equal(7, rows.Length);
        Assert.Equal(1, kpis["passengers_lost_to_parcels"]);
        Assert.Equal(1, kpis["passengers_gained_with_parcels"]);
        // Served in both: r2 (90 s later with parcels), the two pupils (unchanged).
        Assert.Equal(3, kpis["passengers_added_compared"]);
        Assert.Equal(90, rows.Single(r => r.TripId == "r2").AddedDelaySeconds);
        Assert.Equal(90, rows.Single(r => r.TripId == "r2").AddedRideSeconds);
        Assert.Equal(30, kpis["passengers_added_delay_s"], 9);
        Assert.Equal(90, kpis["passengers_added_delay_p95_s"]);
        Assert.Equal(1 / 3.0, kpis["passengers_affected_share"], 9);
        Assert.Equal(0, kpis["passengers_served_share_diff"]);
    }
}
