using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>Replay refuses a damaged log (gap, altered row) naming the sequence; snapshots shorten replay without changing the state.</summary>
public sealed class StoreIntegrityTests
{
    private static async Task<Harness> BusyAsync()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2");
        await h.BookAsync("anna", Trip(At(1, 0), At(6, 0), Start.AddMinutes(10)));
        await h.BookAsync("ben", Trip(At(2, 1), At(7, 1), Start.AddMinutes(15)));
        for (int i = 1; i <= 6; i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            await h.Engine.ReportPositionAsync(Control, "bus-2", P(0.1 * i, 0));
        }
        return h;
    }

    private static Task<DispatchEngine> OpenAsync(Harness h, IDispatchStore store, int snapshotEvery = 0) =>
        DispatchEngine.OpenAsync(h.Options, h.Travel, store, h.Clock, new Random(42), h.Insertion, snapshots: new EngineSnapshotPolicy(snapshotEvery));

    /// <summary>Everything a client can read of the state, for comparing two engines.</summary>
    private static async Task<string> StateAsync(DispatchEngine engine)
    {
        var plan = await engine.GetPlanAsync();
        var fleet = (await engine.GetFleetAsync(Control)).Value!;
        var kpis = (await engine.GetKpisAsync(Control)).Value!;
        return JsonSerializer.Serialize(new { plan = plan.OrderBy(p => p.Key).ToList(), fleet, kpis });
    }

    [Fact]
    public async Task A_deleted_row_stops_the_replay_naming_the_missing_sequence()
    {
        var h = await BusyAsync();
        h.Store.Tamper(2, _ => null); // event 3 is gone, as after "DELETE FROM dm_events WHERE sequence = 3"

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(h.ReopenAsync);

        Assert.Equal(StoreDamage.Gap, ex.Damage);
        Assert.Equal(3, ex.Sequence);
        Assert.Contains("event 3 is missing", ex.Message);
        Assert.Contains("dm store restore", ex.Message);
    }

    [Fact]
    public async Task An_altered_payload_that_is_still_valid_json_fails_its_checksum()
    {
        var h = await BusyAsync();
        int index = h.Store.Snapshot().ToList().FindIndex(e => e.Type == EventTypes.BookingConfirmed);
        h.Store.Tamper(index, e => e with { Payload = e.Payload.Replace("anna", "anja", StringComparison.Ordinal) });

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(h.ReopenAsync);

        Assert.Equal(StoreDamage.ChecksumMismatch, ex.Damage);
        Assert.Equal(index + 1, ex.Sequence);
        Assert.Contains($"Event {index + 1} (BookingConfirmed", ex.Message);
    }

    [Fact]
    public async Task A_row_without_checksum_is_reported()
    {
        var h = await BusyAsync();
        h.Store.Tamper(0, e => e with { Checksum = null });

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(h.ReopenAsync);

        Assert.Equal(StoreDamage.MissingChecksum, ex.Damage);
        Assert.Equal(1, ex.Sequence);
    }

    [Fact]
    public async Task A_gps_fix_is_stored_compactly_without_the_vehicle_and_its_calendar()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var days = Enumerable.Range(1, 8).Select(d => new ShiftWindow(Start.AddDays(d), Start.AddDays(d).AddHours(10))).ToArray();
        Assert.True((await h.Engine.ScheduleShiftsAsync(Control, "bus-1", days)).IsSuccess);
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await h.Engine.ReportPositionAsync(Control, "bus-1", P(0.2, 0.1))).IsSuccess);

        var fix = h.Store.Snapshot()[^1];
        Assert.Equal(EventTypes.PositionReported, fix.Type);
        Assert.DoesNotContain("Calendar", fix.Payload, StringComparison.Ordinal);
        Assert.True(fix.Payload.Length < 300, $"{fix.Payload.Length} bytes: {fix.Payload}");

        var before = await StateAsync(h.Engine);
        await h.ReopenAsync();
        Assert.Equal(before, await StateAsync(h.Engine));
    }

    [Fact]
    public async Task A_fix_in_the_old_format_with_the_whole_vehicle_still_replays()
    {
        var h = await CreateAsync();
        var bus = await h.AddVehicleAsync("bus-1");
        var moved = bus with { LastPosition = P(0.3, 0), LastFixAt = Start.AddSeconds(5) };
        // The payload earlier versions wrote for PositionReported: the whole vehicle.
        string old = JsonSerializer.Serialize(new { Vehicles = new[] { moved } }, OldEventJson);
        await h.Store.AppendAsync([new StoredEvent(0, EventTypes.PositionReported, "vehicle/bus-1", Start.AddSeconds(5), old)], null, default);

        await h.ReopenAsync();

        var vehicle = (await h.Engine.GetFleetAsync(Control)).Value!.Vehicles.Single();
        Assert.Equal(P(0.3, 0).Latitude, vehicle.Position!.Value.Latitude, 9);
    }

    private static readonly JsonSerializerOptions OldEventJson = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    [Fact]
    public async Task Restart_from_a_snapshot_replays_only_the_tail_and_gives_the_same_state_as_a_full_replay()
    {
        var h = await BusyAsync();
        var engine = await OpenAsync(h, h.Store, snapshotEvery: 4);
        for (int i = 1; i <= 9; i++)
        {
            // One stored fix each (FixStoreInterval apart): the live state is then exactly the log's.
            h.Clock.Advance(h.Options.FixStoreInterval);
            Assert.True((await engine.ReportPositionAsync(Control, "bus-1", P(-0.1 * i, 0))).IsSuccess);
        }
        string live = await StateAsync(engine);
        long last = h.Store.Count;

        var restarted = await OpenAsync(h, h.Store, snapshotEvery: 4);

        Assert.True(restarted.Replay.SnapshotSequence > 0, "no snapshot was used");
        Assert.True(restarted.Replay.EventsReplayed < 4, $"{restarted.Replay.EventsReplayed} events replayed after the snapshot");
        Assert.Equal(last, restarted.Replay.LastSequence);
        Assert.Null(restarted.Replay.Warning);
        Assert.Equal(live, await StateAsync(restarted));

        // The reference: the same log replayed in full by a store without snapshots.
        var plain = new InMemoryDispatchStore();
        await plain.AppendAsync(h.Store.Snapshot().Select(e => e with { Sequence = 0, Checksum = null }).ToList(), null, default);
        Assert.Equal(live, await StateAsync(await OpenAsync(h, plain)));
    }

    [Fact]
    public async Task A_damaged_snapshot_falls_back_to_a_full_replay_with_a_warning()
    {
        var h = await BusyAsync();
        var engine = await OpenAsync(h, h.Store);
        Assert.True(await engine.SnapshotAsync() > 0);
        string live = await StateAsync(engine);
        h.Store.TamperSnapshots(s => s with { Payload = s.Payload.Replace("bus-1", "bus-9", StringComparison.Ordinal) });

        var restarted = await OpenAsync(h, h.Store);

        Assert.Equal(0, restarted.Replay.SnapshotSequence);
        Assert.Contains("damaged", restarted.Replay.Warning);
        Assert.Equal(live, await StateAsync(restarted));
    }

    [Fact]
    public async Task A_snapshot_beyond_the_end_of_the_log_means_lost_events()
    {
        var h = await BusyAsync();
        var engine = await OpenAsync(h, h.Store);
        long at = await engine.SnapshotAsync();
        h.Store.Tamper((int)at - 1, _ => null); // the last event is gone, the snapshot still contains it

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(() => OpenAsync(h, h.Store));

        Assert.Equal(StoreDamage.Gap, ex.Damage);
        Assert.Equal(at, ex.Sequence);
    }

    [Fact]
    public async Task Kpi_distances_survive_the_minute_buckets_of_the_ledger()
    {
        var h = await BusyAsync();
        var before = (await h.Engine.GetKpisAsync(Control)).Value!;
        await h.ReopenAsync();
        var after = (await h.Engine.GetKpisAsync(Control)).Value!;
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
    }
}
