using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// What the control room's push feed and replay rely on: the engine names what changed since a position
/// (<see cref="DispatchEngine.GetChangesSinceAsync"/>), and a replay from a checkpoint equals a fold of the whole log.
/// </summary>
public sealed class ChangeFollowingTests
{
    [Fact]
    public void The_journal_collects_in_order_and_says_when_it_forgot()
    {
        var journal = new ChangeJournal(capacity: 4);
        journal.Vehicle("bus-1");
        long position = journal.Position;
        journal.Booking("b-1");
        journal.Vehicle("bus-2");
        journal.Kpis();
        var (vehicles, bookings) = (new HashSet<string>(), new HashSet<string>());
        Assert.True(journal.TryCollect(position, vehicles, bookings, out bool alerts, out bool kpis));
        Assert.Equal(["bus-2"], vehicles);
        Assert.Equal(["b-1"], bookings);
        Assert.False(alerts);
        Assert.True(kpis);
        // Two more entries overwrite the one after position 0: from there the journal cannot tell any more.
        journal.Alerts();
        journal.Alerts();
        Assert.False(journal.TryCollect(0, vehicles, bookings, out _, out _));
        Assert.False(journal.TryCollect(-1, vehicles, bookings, out _, out _));
        Assert.False(journal.TryCollect(journal.Position + 1, vehicles, bookings, out _, out _));
        Assert.True(journal.TryCollect(journal.Position, vehicles, bookings, out _, out _));
    }

    [Fact]
    public async Task Changes_name_the_vehicle_and_the_bookings_a_fix_or_a_booking_touched()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2", depot: P(0, 5));
        var start = (await h.Engine.GetChangesSinceAsync(Control, -1)).Value!;
        Assert.False(start.Complete);

        var booking = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(40)));
        var afterBooking = (await h.Engine.GetChangesSinceAsync(Control, start.Position)).Value!;
        Assert.True(afterBooking.Complete);
        Assert.Contains(afterBooking.Bookings, b => b.Booking.Id == booking.Id && b.Booking.Status == BookingStatus.Confirmed);
        Assert.Contains(afterBooking.Vehicles, v => v.VehicleId == booking.VehicleId);
        Assert.DoesNotContain(afterBooking.Vehicles, v => v.VehicleId != booking.VehicleId);

        var nothing = (await h.Engine.GetChangesSinceAsync(Control, afterBooking.Position)).Value!;
        Assert.True(nothing.Complete);
        Assert.Empty(nothing.Vehicles);
        Assert.Empty(nothing.Bookings);

        // A fix of the serving vehicle moves the forecasts of its bookings: both are named.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await h.Engine.ReportPositionAsync(Control, booking.VehicleId!, P(0.1, 0))).IsSuccess);
        var afterFix = (await h.Engine.GetChangesSinceAsync(Control, afterBooking.Position)).Value!;
        Assert.Equal([booking.VehicleId], afterFix.Vehicles.Select(v => v.VehicleId));
        Assert.Equal([booking.Id], afterFix.Bookings.Select(b => b.Booking.Id));

        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.GetChangesSinceAsync(CallerIdentity.Rider("anna"), -1)).Error!.Code);
    }

    [Fact]
    public async Task A_replay_from_checkpoints_equals_a_fold_of_the_whole_log_at_every_moment()
    {
        var h = await CreateAsync();
        h.Engine.ReplayCheckpoints = new ReplayCheckpoints(interval: 3);
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2", depot: P(0, 2));
        var moments = new List<DateTimeOffset> { h.Clock.GetUtcNow() };
        var ids = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            h.Clock.Advance(TimeSpan.FromMinutes(2));
            ids.Add((await h.BookAsync($"rider-{i}", Trip(At(i * 0.3, 0), At(4, i * 0.2), Start.AddMinutes(40 + 5 * i)))).Id);
            moments.Add(h.Clock.GetUtcNow());
            h.Clock.Advance(TimeSpan.FromSeconds(20));
            Assert.True((await h.Engine.ReportPositionAsync(Control, "bus-1", P(0.01 * i, 0))).IsSuccess);
            moments.Add(h.Clock.GetUtcNow());
        }
        Assert.True((await h.Engine.CancelBookingAsync(CallerIdentity.Rider("rider-0"), ids[0])).IsSuccess);
        moments.Add(h.Clock.GetUtcNow());

        // Slider moves in a scrambled order, so folds start from checkpoints made by earlier moves, before and after.
        var order = moments.OrderBy(m => m.Ticks * 7919 % 13).ToList();
        order.Add(moments[^1]);
        foreach (var at in order)
        {
            var cached = (await h.Engine.GetStateAtAsync(Control, at)).Value!;
            var whole = await WholeFoldAsync(h, at);
            Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(cached));
        }
        Assert.True(h.Engine.ReplayCheckpoints.Count >= 3);
    }

    [Fact]
    public async Task An_event_altered_after_a_checkpoint_still_stops_the_replay()
    {
        var h = await CreateAsync();
        h.Engine.ReplayCheckpoints = new ReplayCheckpoints(interval: 2);
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2");
        await h.AddVehicleAsync("bus-3");
        Assert.NotNull((await h.Engine.GetStateAtAsync(Control, h.Clock.GetUtcNow())).Value);
        Assert.True(h.Engine.ReplayCheckpoints.Count >= 1);
        // An event after the checkpoints (a fold from the latest one reads it) is altered.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.AddVehicleAsync("bus-4");
        int last = h.Store.Count - 1;
        h.Store.Tamper(last, e => e with { Payload = e.Payload.Replace("bus-4", "bus-X", StringComparison.Ordinal) });
        var ex = await Assert.ThrowsAsync<Persistence.StoreIntegrityException>(() => h.Engine.GetStateAtAsync(Control, h.Clock.GetUtcNow()));
        Assert.Equal(last + 1, ex.Sequence);
    }

    private static async Task<Views.PastStateView> WholeFoldAsync(Harness h, DateTimeOffset at)
    {
        var kept = h.Engine.ReplayCheckpoints;
        h.Engine.ReplayCheckpoints = new ReplayCheckpoints(interval: int.MaxValue);
        try
        {
            return (await h.Engine.GetStateAtAsync(Control, at)).Value!;
        }
        finally
        {
            h.Engine.ReplayCheckpoints = kept;
        }
    }
}
