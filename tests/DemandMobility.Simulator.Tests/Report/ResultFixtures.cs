using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Tests.Report;

/// <summary>Small hand-made simulation results for the report and billing tests.</summary>
internal static class ResultFixtures
{
    public static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));

    public static SimulationResult Empty(string name = "empty", bool completed = true) => new(
        name, 1, "in-process", completed, Day, Day.AddHours(24), ImmutableSortedDictionary<string, double>.Empty,
        [], [], [], [], 0.1);

    /// <summary>A run with a few served and rejected riders, two pupils, a parcel, two vehicles and fleet samples.</summary>
    public static SimulationResult Sample(string name = "sample", bool completed = true, int seed = 1)
    {
        var a = new GeoPoint(50.018, 11.501);
        var b = new GeoPoint(50.027, 11.568);
        var c = new GeoPoint(49.99, 11.52);
        TripRecord Trip(string id, TripKind kind, TripOutcome outcome, double hour, string? vehicle, double? wait, double? ride, double? direct, double? km, string? group = null) =>
            new(id, kind, group, outcome, outcome == TripOutcome.Rejected ? "no_vehicle" : null, Day.AddHours(hour), Day.AddHours(hour), null,
                a, b, kind == TripKind.Parcel ? 0 : 1, 0, kind == TripKind.Parcel ? 2 : 0, vehicle is null ? null : "bk-" + id, vehicle,
                null, null, vehicle is null ? null : Day.AddHours(hour).AddSeconds(wait ?? 0), vehicle is null ? null : Day.AddHours(hour).AddSeconds((wait ?? 0) + (ride ?? 0)),
                wait, ride, direct, km, null);

        ImmutableArray<TripRecord> trips =
        [
            Trip("r1", TripKind.Passenger, TripOutcome.Served, 7.2, "v1", 300, 900, 700, 9),
            Trip("r2", TripKind.Passenger, TripOutcome.Served, 7.6, "v2", 600, 1500, 1000, 12),
            Trip("r3", TripKind.Passenger, TripOutcome.Rejected, 8.1, null, null, null, null, null),
            Trip("r4", TripKind.Passenger, TripOutcome.NoShow, 16.4, "v1", null, null, null, null),
            Trip("p1", TripKind.Pupil, TripOutcome.Served, 0, "v1", 0, 1200, 900, 6, "gs"),
            Trip("p2", TripKind.Pupil, TripOutcome.Served, 0, "v1", 0, 800, 600, 3, "gs"),
            Trip("p3", TripKind.Pupil, TripOutcome.Rejected, 0, null, null, null, null, 4, "gs"),
            Trip("k1", TripKind.Parcel, TripOutcome.Served, 9.5, "v2", 1200, 2400, 1000, 10),
        ];
        var samples = Enumerable.Range(0, 48).Select(i => new FleetSample(Day.AddMinutes(30 * i), i is >= 12 and < 40 ? 2 : 0,
            i % 3 == 0 ? 1 : 0, i % 5, i is 19 or 20 ? 1 : 0)).ToImmutableArray();
        ImmutableArray<VehicleTrack> vehicles =
        [
            new("v1", [a, new GeoPoint(50.02, 11.53), b, c], [a, b], 42.5, 10.2, 30.1, 8),
            new("v2", [c, a], [c, a], 20.25, 5, 12, 6.5),
        ];
        var kpis = new Dictionary<string, double> { ["requests"] = 8, ["served_share"] = 0.625, ["wait_p50_s"] = 300, ["occupancy"] = 0.71 }
            .ToImmutableSortedDictionary(StringComparer.Ordinal);
        return new SimulationResult(name, seed, "in-process", completed, Day, completed ? Day.AddHours(24) : Day.AddHours(13.5),
            kpis, trips, samples, vehicles, [new DemandIssue("demand.csv", 12, "kind: unknown kind \"bus\" (row skipped)")], 1.5);
    }
}
