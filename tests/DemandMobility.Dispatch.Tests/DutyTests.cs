using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Duties as the planning unit: every service window is its own route, and work never stays on a vehicle nobody
/// drives (shift ended, breakdown, shift never started).
/// </summary>
public sealed class DutyTests
{
    private static readonly DateTimeOffset Day0 = new(Start.UtcDateTime.Date, TimeSpan.Zero);

    private static ShiftWindow Shift(int day) => new(Day0.AddDays(day).AddHours(6), Day0.AddDays(day).AddHours(20));

    [Fact]
    public async Task Ending_a_shift_replans_its_bookings_onto_another_running_duty()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var ids = new List<string>();
        for (int i = 0; i < 3; i++) ids.Add((await h.BookAsync("rider-" + i, Trip(At(1 + i, 0), At(6, 0), Start.AddMinutes(20 + 10 * i)))).Id);
        await h.AddVehicleAsync("bus-2", depot: P(0, 1));

        var ended = await h.Engine.EndShiftAsync(Control, "bus-1");

        Assert.True(ended.IsSuccess, ended.Error?.Message);
        Assert.Empty((await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops);
        foreach (var id in ids)
        {
            var view = await h.ViewAsync(id);
            Assert.Equal(BookingStatus.Confirmed, view.Booking.Status);
            Assert.Equal("bus-2", view.Booking.VehicleId);
            Assert.Contains("bus-2", view.Booking.Notice);
            // Same promise: the new plan picks up inside the window promised by the offer.
            Assert.InRange(view.EstimatedPickup!.Value, view.Booking.Offer!.PromisedPickupStart, view.Booking.Offer.PromisedPickupEnd);
        }
        var kpis = (await h.Engine.GetKpisAsync(Control)).Value!;
        Assert.Equal(3, kpis.Replanned);
        var alerts = (await h.Engine.GetAlertsAsync(Control, DateTimeOffset.MinValue)).Value!;
        Assert.Contains(alerts, a => a.Kind == DispatchAlertKind.DutyLost && a.VehicleId == "bus-1");
    }

    [Fact]
    public async Task A_vehicle_whose_shift_ended_receives_no_new_bookings()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        Assert.True((await h.Engine.EndShiftAsync(Control, "bus-1")).IsSuccess);
        await h.AddVehicleAsync("bus-2", depot: P(0, 3));
        await h.AddVehicleAsync("bus-3", depot: P(3, 0));

        for (int i = 0; i < 8; i++)
        {
            var q = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i), Trip(At(i % 3, 1), At(5, 2), Start.AddMinutes(10 + 10 * i)))).Value!;
            if (q.Offer is { } offer) Assert.NotEqual("bus-1", offer.VehicleId);
        }
        // Later in its (already ended) window too: nobody drives bus-1 today any more.
        var late = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("x"), Trip(At(0, 0), At(1, 0), Start.AddHours(6)))).Value!;
        Assert.NotEqual("bus-1", late.Offer?.VehicleId);
    }

    [Fact]
    public async Task A_breakdown_lists_the_bookings_that_cannot_be_kept_and_tells_the_rider()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = (await h.Engine.WatchBookingAsync(CallerIdentity.Rider("anna"), b.Id, cts.Token)).Value!;
        var seen = new List<BookingView>();
        var reading = Task.Run(async () => { await foreach (var v in watch.WithCancellation(cts.Token)) seen.Add(v); }, cts.Token);

        var broken = await h.Engine.TakeOutOfServiceAsync(Control, "bus-1");

        Assert.True(broken.IsSuccess, broken.Error?.Message);
        Assert.Equal(VehicleShiftState.OutOfService, broken.Value!.State);
        await reading; // the stream ends at the terminal status
        Assert.Equal(BookingStatus.Disrupted, seen[^1].Booking.Status);
        Assert.False(string.IsNullOrEmpty(seen[^1].Booking.Notice));
        Assert.Empty((await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops);
        var alerts = (await h.Engine.GetAlertsAsync(Control, DateTimeOffset.MinValue)).Value!;
        Assert.Contains(alerts, a => a.Kind == DispatchAlertKind.PromiseNotKept && a.BookingId == b.Id);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.PromisesNotKept);

        // Out of service: no new work until the shift starts again; the decision survives a restart.
        Assert.Null((await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(1, 0), At(5, 0), Start.AddMinutes(30)))).Value!.Offer);
        await h.ReopenAsync();
        Assert.Equal(BookingStatus.Disrupted, (await h.ViewAsync(b.Id)).Booking.Status);
        Assert.True((await h.Engine.StartShiftAsync(Control, "bus-1")).IsSuccess);
        Assert.NotNull((await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(1, 0), At(5, 0), Start.AddMinutes(30)))).Value!.Offer);
    }

    [Fact]
    public async Task A_shift_that_never_started_hands_its_bookings_to_another_duty()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", onShift: false);
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(40)));
        Assert.Equal("bus-1", b.VehicleId);
        await h.AddVehicleAsync("bus-2", depot: P(0, 1));

        h.Clock.Advance(h.Options.ShiftStartGrace - TimeSpan.FromMinutes(1));
        await h.Engine.SuperviseAsync();
        Assert.Equal("bus-1", (await h.ViewAsync(b.Id)).Booking.VehicleId); // still within the grace

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await h.Engine.SuperviseAsync();

        var view = await h.ViewAsync(b.Id);
        Assert.Equal(BookingStatus.Confirmed, view.Booking.Status);
        Assert.Equal("bus-2", view.Booking.VehicleId);
        Assert.Empty((await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops);
        // And bus-1 takes no new work for this window.
        var q = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(0, 0), At(2, 0), Start.AddMinutes(60)))).Value!;
        Assert.NotEqual("bus-1", q.Offer?.VehicleId);
    }

    [Fact]
    public async Task Each_shift_window_is_its_own_route_so_no_plan_spans_the_night()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftStart: Shift(0).Start, shiftEnd: Shift(0).End);
        Assert.True((await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(0), Shift(1)])).IsSuccess);
        var today = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(30)));
        var tomorrow = await h.BookAsync("ben", Trip(At(1, 0), At(5, 0), Day0.AddDays(1).AddHours(9)));

        var manifest = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!;
        Assert.Equal(4, manifest.Stops.Length);
        // Tomorrow's first stop is reached from the depot after tomorrow's duty starts, not driven to tonight.
        var firstTomorrow = manifest.Stops.First(s => s.Board.Any(e => e.SubjectId == tomorrow.Id));
        Assert.True(firstTomorrow.PlannedArrival >= Shift(1).Start, $"arrives {firstTomorrow.PlannedArrival:O}");
        Assert.True(firstTomorrow.PlannedArrival <= Shift(1).Start.AddHours(3.5), $"arrives {firstTomorrow.PlannedArrival:O}");

        // Re-optimising keeps the duties apart as well.
        await h.Engine.ReoptimiseAsync();
        manifest = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!;
        foreach (var stop in manifest.Stops)
            Assert.True(stop.PlannedArrival < Shift(0).End || stop.PlannedArrival >= Shift(1).Start, $"a stop at {stop.PlannedArrival:O} lies in the night");
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(today.Id)).Booking.Status);
    }

    [Fact]
    public async Task A_vehicle_left_on_shift_overnight_still_starts_tomorrows_duty_in_the_morning()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftStart: Shift(0).Start, shiftEnd: Shift(0).End);
        Assert.True((await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(0), Shift(1)])).IsSuccess);
        h.Clock.Set(Shift(0).End.AddHours(1)); // 21:00, the driver never ended the shift
        var tomorrow = await h.BookAsync("ben", Trip(At(1, 0), At(5, 0), Shift(1).Start.AddHours(3)));
        var stop = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops.First(s => s.Board.Any(e => e.SubjectId == tomorrow.Id));
        Assert.True(stop.PlannedArrival >= Shift(1).Start, $"arrives {stop.PlannedArrival:O}");
    }

    [Fact]
    public async Task A_duty_may_start_and_end_at_a_relief_point()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftStart: Shift(0).Start, shiftEnd: Shift(0).End);
        var relief = P(10, 0);
        Assert.True((await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(1) with { ReliefPoint = relief }])).IsSuccess);
        var b = await h.BookAsync("ben", Trip(At(10, 1), At(10, 3), Shift(1).Start));
        var manifest = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!;
        // 1 km from the relief point (≈ 90 s) instead of 10 km from the depot (≈ 15 min).
        Assert.True(manifest.Stops[0].PlannedArrival <= Shift(1).Start.AddMinutes(5), $"arrives {manifest.Stops[0].PlannedArrival:O}");
        Assert.Equal(b.Id, manifest.Stops[0].Board[0].SubjectId);
    }

    [Fact]
    public async Task Ending_a_shift_with_riders_on_board_is_refused()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(0, 0), At(5, 0), Start.AddMinutes(1)));
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await h.StopAsync("bus-1", StopEventKind.Arrived, b.Id);
        await h.StopAsync("bus-1", StopEventKind.Boarded, b.Id);
        var ended = await h.Engine.EndShiftAsync(Control, "bus-1");
        Assert.Equal(DispatchErrorCode.FailedPrecondition, ended.Error!.Code);
        Assert.Contains("on board", ended.Error.Message);
    }
}
