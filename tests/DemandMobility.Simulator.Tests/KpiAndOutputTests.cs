using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Simulator.Tests;

public sealed class KpiAndOutputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);

    private static TripRecord Trip(int i, TripOutcome outcome, TripKind kind = TripKind.Passenger, int wait = 60, int ride = 600)
    {
        bool served = outcome == TripOutcome.Served;
        return new TripRecord($"t{i}", kind, null, outcome, outcome == TripOutcome.Rejected ? (i % 2 == 0 ? "no_capacity" : "outside_service_hours") : null,
            T0, T0, kind == TripKind.Parcel ? T0.AddHours(4) : null, new GeoPoint(50, 11.5), new GeoPoint(50.01, 11.55), 1, 0, 0,
            served ? "b" + i : null, served ? "bus-1" : null, T0, T0.AddMinutes(10),
            served ? T0.AddSeconds(wait) : null, served ? T0.AddSeconds(wait + ride) : null,
            served ? wait : null, served ? ride : null, served ? 500 : null, served ? 5 : null, served ? 1200 : null);
    }

    [Fact]
    public void Outcome_counts_and_shares_always_add_up_to_the_requests()
    {
        var scenario = TestScenarios.Small();
        var outcomes = Enum.GetValues<TripOutcome>();
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, outcomes.Length - 1)).ToArbitrary(), picks =>
        {
            var trips = picks.Select((p, i) => Trip(i, outcomes[p])).ToImmutableArray();
            var kpis = SimulationKpis.Compute(scenario, trips, [], new KpiExtras(0, 0, 0, 0, []));
            var result = new SimulationResult("t", 1, "in-process", true, T0, T0, kpis, trips, [], [], [], 0);
            Invariants.KpisAddUp(result);
            Assert.Equal(picks.Count(p => outcomes[p] == TripOutcome.Served), (int)kpis["served"]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 20).Select(v => (double)v).ToList();
        Assert.Equal(10, SimulationKpis.Percentile(values, 0.5));
        Assert.Equal(19, SimulationKpis.Percentile(values, 0.95));
        Assert.Equal(0, SimulationKpis.Percentile([], 0.95));
        var scenario = TestScenarios.Small();
        ImmutableArray<TripRecord> trips = [Trip(0, TripOutcome.Served, wait: 100, ride: 300), Trip(1, TripOutcome.Served, wait: 300, ride: 900)];
        var tracks = ImmutableArray.Create(new VehicleTrack("bus-1", [], [], 10, 4, 12, 2));
        var kpis = SimulationKpis.Compute(scenario, trips, tracks, new KpiExtras(10, 5, 0, 0, []));
        Assert.Equal(200, kpis["wait_mean_s"]);
        Assert.Equal(100, kpis["wait_p50_s"]);
        Assert.Equal(300, kpis["wait_p95_s"]);
        Assert.Equal(1.2, kpis["occupancy"], 9);
        Assert.Equal(0.4, kpis["empty_km_share"], 9);
        Assert.Equal(0.5, kpis["pooling_rate"], 9);
        Assert.Equal(2.5, kpis["co2_kg"], 9);
        Assert.Equal(((300.0 / 500) + (900.0 / 500)) / 2, kpis["detour_factor_mean"], 9);
    }

    [Fact]
    public void Broken_promises_are_counted_with_a_one_second_planning_allowance()
    {
        // Trip(): window [T0, T0 + 10 min], ride limit 1,200 s after boarding; ride_s includes the boarding time.
        var scenario = TestScenarios.Small();
        int boarding = (int)scenario.Options.BoardingTime.TotalSeconds;
        ImmutableArray<TripRecord> trips =
        [
            Trip(0, TripOutcome.Served, wait: 60, ride: 600),
            Trip(1, TripOutcome.Served, wait: 601, ride: 600),
            Trip(2, TripOutcome.Served, wait: 600, ride: boarding + 1201),
            Trip(3, TripOutcome.Served, wait: 0, ride: boarding + 1202),
            Trip(4, TripOutcome.Rejected),
        ];
        var kpis = SimulationKpis.Compute(scenario, trips, [], new KpiExtras(0, 0, 0, 0, []));

        Assert.Equal(1, kpis["pickups_outside_window"]);
        Assert.Equal(0.75, kpis["pickup_in_window_share"], 9);
        Assert.Equal(1, kpis["rides_over_limit"]);
    }

    [Fact]
    public void Output_files_are_culture_invariant_and_complete()
    {
        var previous = CultureInfo.CurrentCulture;
        // A culture with a decimal comma (the test host runs globalization-invariant, so build one).
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        CultureInfo.CurrentCulture = comma;
        string dir = Path.Combine(Path.GetTempPath(), "dm-sim-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenario = TestScenarios.Small();
            ImmutableArray<TripRecord> trips = [Trip(0, TripOutcome.Served), Trip(1, TripOutcome.Rejected), Trip(2, TripOutcome.Declined)];
            var kpis = SimulationKpis.Compute(scenario, trips, [], new KpiExtras(0, 0, 0, 0, []));
            var result = new SimulationResult("t", 3, "in-process", true, T0, T0.AddHours(1), kpis, trips, [], [], [], 1.5, []);
            var files = ResultWriter.Write(result, dir);
            Assert.Contains(files, f => f.EndsWith("report.html", StringComparison.Ordinal));

            var lines = File.ReadAllLines(Path.Combine(dir, "trips.csv"));
            Assert.Equal(4, lines.Length);
            int columns = lines[0].Split(',').Length;
            Assert.All(lines, l => Assert.Equal(columns, l.Split(',').Length));
            Assert.Contains(",50.01,11.55,", lines[1], StringComparison.Ordinal);
            Assert.Contains(",rejected,outside_service_hours,", lines[2], StringComparison.Ordinal);

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "kpis.json")));
            Assert.Equal(3, json.RootElement.GetProperty("requests").GetDouble());
            Assert.True(json.RootElement.GetProperty("completed").GetBoolean());
            Assert.All(json.RootElement.EnumerateObject(), p => Assert.NotEqual(JsonValueKind.Object, p.Value.ValueKind));

            var back = ResultWriter.ReadResult(Path.Combine(dir, "result.json"));
            Assert.Equal(result.Kpis, back.Kpis);
            Assert.Equal(result.Trips.Select(t => (t.TripId, t.Outcome, t.PickupTime, t.WaitSeconds)), back.Trips.Select(t => (t.TripId, t.Outcome, t.PickupTime, t.WaitSeconds)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
