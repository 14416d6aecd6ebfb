using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>A vehicle with a 06:00–20:00 (UTC here) shift today, tomorrow and in three days.</summary>
public sealed class ShiftCalendarTests
{
    private static readonly DateTimeOffset Day0 = new(Start.UtcDateTime.Date, TimeSpan.Zero);

    private static ShiftWindow Shift(int day) => new(Day0.AddDays(day).AddHours(6), Day0.AddDays(day).AddHours(20));

    private static async Task<Harness> CalendarAsync()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftStart: Shift(0).Start, shiftEnd: Shift(0).End);
        var r = await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(0), Shift(1), Shift(3)]);
        Assert.True(r.IsSuccess, r.Error?.Message);
        return h;
    }

    private static async Task<QuoteOutcome> QuoteAsync(Harness h, DateTimeOffset departure) =>
        (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Trip(At(1, 0), At(5, 0), departure))).Value!;

    [Fact]
    public async Task Quotes_for_tomorrow_and_three_days_ahead_are_served()
    {
        var h = await CalendarAsync();
        var tomorrow = await h.OfferAsync("anna", Trip(At(1, 0), At(5, 0), Day0.AddDays(1).AddHours(10)));
        Assert.Equal("bus-1", tomorrow.VehicleId);
        var later = await h.OfferAsync("ben", Trip(At(1, 0), At(5, 0), Day0.AddDays(3).AddHours(8)));
        Assert.Equal("bus-1", later.VehicleId);
        Assert.True(later.PlannedPickup >= Day0.AddDays(3).AddHours(8));
    }

    [Fact]
    public async Task Times_between_windows_are_outside_service_hours()
    {
        var h = await CalendarAsync();
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, (await QuoteAsync(h, Day0.AddDays(1).AddHours(2))).Rejection!.Code);  // night
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, (await QuoteAsync(h, Day0.AddDays(2).AddHours(10))).Rejection!.Code); // day 2 not scheduled
    }

    [Fact]
    public async Task Scheduling_again_stores_nothing_and_the_calendar_survives_a_restart()
    {
        var h = await CalendarAsync();
        int events = h.Store.Count;
        var again = await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(1), Shift(3)]);
        Assert.True(again.IsSuccess);
        Assert.Equal(events, h.Store.Count);
        Assert.Equal([Shift(0), Shift(1), Shift(3)], again.Value!.Calendar!);
        Assert.Equal(Shift(3).End, again.Value.ShiftEnd);

        await h.ReopenAsync();
        var booking = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Day0.AddDays(1).AddHours(10)));
        Assert.Equal("bus-1", booking.VehicleId);
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.Single(fleet.Vehicles);
    }

    [Fact]
    public async Task Bad_windows_and_callers_are_refused_without_storing()
    {
        var h = await CalendarAsync();
        int events = h.Store.Count;
        var backwards = await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [Shift(4), new ShiftWindow(Shift(5).End, Shift(5).Start)]);
        Assert.Equal(DispatchErrorCode.InvalidArgument, backwards.Error!.Code);
        Assert.Equal("windows[1]", backwards.Error.Field);
        Assert.Equal(DispatchErrorCode.PermissionDenied,
            (await h.Engine.ScheduleShiftsAsync(CallerIdentity.Driver("bus-1"), "bus-1", [Shift(4)])).Error!.Code);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.ScheduleShiftsAsync(Control, "bus-9", [Shift(4)])).Error!.Code);
        Assert.Equal(events, h.Store.Count);
    }
}
