using System.Text.Json;
using System.Text.Json.Nodes;
using DemandMobility.Server.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The push feed's deltas: the first snapshot with every later delta applied equals the latest snapshot.</summary>
public sealed class DeltaEncoderTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_changed_card_is_sent_and_an_unchanged_state_sends_no_section()
    {
        var encoder = new DeltaEncoder(Json);
        var vehicles = Enumerable.Range(1, 5).Select(i => Vehicle($"bus-{i}", i)).ToList();
        var first = Snapshot(vehicles, [Booking("b-1", 1)], 0);
        var all = encoder.Next(1, first);
        Assert.Equal(5, all.Vehicles!.Upsert.Count);

        var same = encoder.Next(2, Snapshot(vehicles, [Booking("b-1", 1)], 0));
        Assert.Null(same.Vehicles);
        Assert.Null(same.Bookings);
        Assert.Null(same.Kpis);
        Assert.Equal(1, same.Base);

        // A new card object with equal content is not sent either; a moved vehicle is, alone and without a new order.
        var moved = vehicles.Select(v => v.Id == "bus-3" ? v with { Lat = 50.5 } : v with { }).ToList();
        var one = encoder.Next(3, Snapshot(moved, [Booking("b-1", 1)], 0));
        Assert.Equal(["bus-3"], one.Vehicles!.Upsert.Select(v => v.Id));
        Assert.Empty(one.Vehicles.Remove);
        Assert.Null(one.Vehicles.Order);

        var gone = encoder.Next(4, Snapshot(moved, [], 0));
        Assert.Equal(["b-1"], gone.Bookings!.Remove);
        Assert.Equal([], gone.Bookings.Order!);
    }

    [Fact]
    public void Applying_the_deltas_of_random_change_sequences_gives_the_latest_snapshot()
    {
        // Each step: a list of (id, value) cards for vehicles and bookings, a KPI figure; ids drawn from a small pool so
        // cards come, change, stay, go and come back, in varying order.
        var cards = Gen.ListOf(Gen.Choose(0, 9).Zip(Gen.Choose(0, 3))).Select(l => l.DistinctBy(c => c.Item1).ToList());
        var step = cards.Zip(cards).Zip(Gen.Choose(0, 2));
        var steps = Gen.ListOf(step).Where(l => l.Count is >= 1 and <= 12);
        Prop.ForAll(steps.ToArbitrary(), list =>
        {
            var encoder = new DeltaEncoder(Json);
            var snapshots = list.Select(s => Snapshot(
                [.. s.Item1.Item1.Select(c => Vehicle($"v{c.Item1}", c.Item2))],
                [.. s.Item1.Item2.Select(c => Booking($"b{c.Item1}", c.Item2))], s.Item2)).ToList();
            var state = JsonNode.Parse(JsonSerializer.Serialize(snapshots[0], Json))!.AsObject();
            encoder.Next(1, snapshots[0]);
            for (int i = 1; i < snapshots.Count; i++)
            {
                var delta = JsonNode.Parse(JsonSerializer.Serialize(encoder.Next(i + 1, snapshots[i]), Json))!.AsObject();
                state = ConsoleDeltaApplier.Apply(state, i, delta);
            }
            // Compared as JSON trees (a re-written string may escape characters differently).
            var expected = JsonNode.Parse(JsonSerializer.Serialize(snapshots[^1], Json));
            Assert.True(JsonNode.DeepEquals(expected, state), $"expected {expected!.ToJsonString()}\nactual   {state.ToJsonString()}");
            return true;
        }).QuickCheckThrowOnFailure();
    }

    private static DashboardSnapshot Snapshot(List<VehicleCard> vehicles, List<BookingCard> bookings, int served)
    {
        var kpis = new KpiStrip(T0, T0.AddDays(1), vehicles.Count, 0, 0, 0, 0, new SortedDictionary<string, int>(StringComparer.Ordinal),
            served, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        var alerts = served == 2 ? new List<DashboardAlert> { new("info", "rejected", "1 quote was rejected.", null, null, T0) } : [];
        return new DashboardSnapshot(T0.AddSeconds(served), "Test", "Europe/Berlin", 3, kpis, vehicles, bookings, alerts, [], []);
    }

    private static VehicleCard Vehicle(string id, int value) =>
        new(id, value % 2 == 0 ? "idle" : "busy", 50 + value * 0.01, 11.5, T0, false, new LoadCard(value, 8, 0, 1, 0, 0), value * 10, []);

    private static BookingCard Booking(string id, int value) =>
        new(id, value == 3 ? "completed" : "confirmed", "rider", "bus-1", 1 + value, 0, 50, 11.5, 50.1, 11.6,
            T0.AddMinutes(value), T0.AddMinutes(value + 10), null, null, null, null, value, T0);
}
