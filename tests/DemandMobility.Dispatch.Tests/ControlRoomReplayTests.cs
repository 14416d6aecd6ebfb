using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>The control room's replay: the state at a past moment folded from the log, without touching the live engine.</summary>
public sealed class ControlRoomReplayTests
{
    [Fact]
    public async Task The_state_at_an_earlier_time_lacks_what_happened_later()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2", depot: P(0, 2));
        var first = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(40)));
        var afterFirst = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await h.BookAsync("ben", Trip(At(2, 0), At(6, 0), Start.AddMinutes(60)));
        var afterSecond = h.Clock.GetUtcNow();
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True((await h.Engine.CancelBookingAsync(CallerIdentity.Rider("anna"), first.Id)).IsSuccess);
        Assert.True((await h.Engine.TakeOutOfServiceAsync(CallerIdentity.Dispatcher("anna-control"), "bus-2")).IsSuccess);
        int events = h.Store.Count;
        long liveVersion = h.Engine.ChangeVersion;

        var early = (await h.Engine.GetStateAtAsync(Control, afterFirst.AddMinutes(5))).Value!;
        var middle = (await h.Engine.GetStateAtAsync(Control, afterSecond.AddMinutes(5))).Value!;
        var now = (await h.Engine.GetStateAtAsync(Control, h.Clock.GetUtcNow())).Value!;

        // Earlier: only the first booking, confirmed; the second was booked later and is absent.
        var only = Assert.Single(early.Bookings);
        Assert.Equal((first.Id, BookingStatus.Confirmed), (only.Id, only.Status));
        Assert.Equal(VehicleShiftState.OnShift, early.Vehicles.Single(v => v.Id == "bus-2").State);
        Assert.True(early.Sequence < middle.Sequence && middle.Sequence < now.Sequence);
        Assert.Equal(events, early.LogSequence);
        Assert.True(early.LastEventAt <= afterFirst);
        Assert.Equal(BookingStatus.Confirmed, middle.Bookings.Single(b => b.Id == first.Id).Status);
        Assert.Equal(BookingStatus.Confirmed, middle.Bookings.Single(b => b.Id == second.Id).Status);
        Assert.Contains(middle.Vehicles, v => v.PlannedStops > 0 && v.NextStops.Any(s => s.TaskId == second.Id && s.Pickup && s.Point is not null));
        // Now: the first one cancelled, bus-2 out of service, as the live engine has it.
        Assert.Equal(BookingStatus.Cancelled, now.Bookings.Single(b => b.Id == first.Id).Status);
        Assert.Equal(VehicleShiftState.OutOfService, now.Vehicles.Single(v => v.Id == "bus-2").State);
        Assert.Equal(events, now.Sequence);
        // A replay by sequence stops at that event even when the time lies later.
        Assert.Equal(3, (await h.Engine.GetStateAtAsync(Control, h.Clock.GetUtcNow(), untilSequence: 3)).Value!.Sequence);

        // Read-only: nothing stored, the live engine unchanged.
        Assert.Equal(events, h.Store.Count);
        Assert.Equal(liveVersion, h.Engine.ChangeVersion);
        Assert.Equal(BookingStatus.Cancelled, (await h.ViewAsync(first.Id)).Booking.Status);
    }

    [Fact]
    public async Task Only_dispatchers_replay_and_before_the_first_event_nothing_is_there()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.GetStateAtAsync(CallerIdentity.Rider("anna"), Start)).Error!.Code);
        Assert.Equal(DispatchErrorCode.InvalidArgument, (await h.Engine.GetStateAtAsync(Control, Start, untilSequence: -1)).Error!.Code);
        var before = (await h.Engine.GetStateAtAsync(Control, Start.AddSeconds(-1))).Value!;
        Assert.Equal(0, before.Sequence);
        Assert.Null(before.LastEventAt);
        Assert.Empty(before.Vehicles);
        Assert.Empty(before.Bookings);
    }

    [Fact]
    public async Task A_damaged_log_is_named_and_not_replayed()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        h.Store.Tamper(0, e => e with { Payload = e.Payload.Replace("bus-1", "bus-X", StringComparison.Ordinal) });
        var ex = await Assert.ThrowsAsync<Persistence.StoreIntegrityException>(() => h.Engine.GetStateAtAsync(Control, Start.AddHours(1)));
        Assert.Equal(1, ex.Sequence);
    }
}
