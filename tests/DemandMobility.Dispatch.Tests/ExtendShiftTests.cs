using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>A dispatcher extends a running shift; the breakdown and the extension name the dispatcher in the log.</summary>
public sealed class ExtendShiftTests
{
    private static readonly CallerIdentity Anna = CallerIdentity.Dispatcher("anna");

    [Fact]
    public async Task An_extended_shift_takes_work_after_its_old_end_and_survives_a_restart()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftEnd: Start.AddHours(2));
        var late = Trip(At(1, 0), At(5, 0), Start.AddHours(3));
        var before = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r1"), late)).Value!;
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, before.Rejection!.Code);

        var extended = await h.Engine.ExtendShiftAsync(Anna, "bus-1", Start.AddHours(4));

        Assert.True(extended.IsSuccess, extended.Error?.Message);
        Assert.Equal(Start.AddHours(4), extended.Value!.ShiftEnd);
        var stored = h.Store.Snapshot().Last();
        Assert.Equal(EventTypes.ShiftExtended, stored.Type);
        Assert.Contains("dispatcher:anna", stored.Payload, StringComparison.Ordinal);
        Assert.Equal("bus-1", (await h.OfferAsync("r2", late)).VehicleId);
        await h.ReopenAsync();
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.Equal(VehicleShiftState.OnShift, fleet.Vehicles.Single().State);
        Assert.Equal("bus-1", (await h.OfferAsync("r3", late)).VehicleId);
    }

    [Fact]
    public async Task Bad_extensions_are_refused_with_the_reason_and_store_nothing()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftEnd: Start.AddHours(2));
        await h.AddVehicleAsync("bus-2");
        await h.AddVehicleAsync("bus-3", shiftStart: Start.AddHours(1), shiftEnd: Start.AddHours(3), onShift: false);
        Assert.True((await h.Engine.TakeOutOfServiceAsync(Anna, "bus-2")).IsSuccess);
        int events = h.Store.Count;

        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.ExtendShiftAsync(CallerIdentity.Driver("bus-1"), "bus-1", Start.AddHours(3))).Error!.Code);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.ExtendShiftAsync(Anna, "bus-9", Start.AddHours(3))).Error!.Code);
        var earlier = (await h.Engine.ExtendShiftAsync(Anna, "bus-1", Start.AddHours(2))).Error!;
        Assert.Equal((DispatchErrorCode.InvalidArgument, "until"), (earlier.Code, earlier.Field));
        Assert.Contains("09:00", earlier.Message, StringComparison.Ordinal);
        var far = (await h.Engine.ExtendShiftAsync(Anna, "bus-1", Start.AddHours(13))).Error!;
        Assert.Equal((DispatchErrorCode.InvalidArgument, "until"), (far.Code, far.Field));
        var broken = (await h.Engine.ExtendShiftAsync(Anna, "bus-2", Start.AddHours(13))).Error!;
        Assert.Equal(DispatchErrorCode.FailedPrecondition, broken.Code);
        Assert.Contains("out of service", broken.Message, StringComparison.Ordinal);
        var notRunning = (await h.Engine.ExtendShiftAsync(Anna, "bus-3", Start.AddHours(4))).Error!;
        Assert.Equal(DispatchErrorCode.FailedPrecondition, notRunning.Code);
        Assert.Contains("no shift running now", notRunning.Message, StringComparison.Ordinal);
        Assert.Equal(events, h.Store.Count);
    }

    [Fact]
    public async Task An_extension_may_not_run_into_the_next_shift_of_the_calendar()
    {
        var h = await CreateAsync();
        var day0 = new DateTimeOffset(Start.UtcDateTime.Date, TimeSpan.Zero);
        await h.AddVehicleAsync("bus-1", shiftStart: day0.AddHours(6), shiftEnd: day0.AddHours(20));
        ShiftWindow today = new(day0.AddHours(6), day0.AddHours(20)), tomorrow = new(day0.AddDays(1).AddHours(6), day0.AddDays(1).AddHours(20));
        Assert.True((await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [today, tomorrow])).IsSuccess);
        h.Clock.Advance(TimeSpan.FromHours(12)); // 19:00

        var into = (await h.Engine.ExtendShiftAsync(Anna, "bus-1", day0.AddDays(1).AddHours(6).AddMinutes(30))).Error!;
        Assert.Equal(DispatchErrorCode.FailedPrecondition, into.Code);
        Assert.Contains("next shift", into.Message, StringComparison.Ordinal);
        var ok = await h.Engine.ExtendShiftAsync(Anna, "bus-1", day0.AddHours(22));
        Assert.True(ok.IsSuccess, ok.Error?.Message);
        Assert.Equal([today with { End = day0.AddHours(22) }, tomorrow], ok.Value!.Calendar!);
        Assert.Equal(tomorrow.End, ok.Value.ShiftEnd);
        // The hourly re-scheduling of the calendar (same windows again) keeps the extension.
        int events = h.Store.Count;
        var again = await h.Engine.ScheduleShiftsAsync(Control, "bus-1", [today, tomorrow]);
        Assert.Equal([today with { End = day0.AddHours(22) }, tomorrow], again.Value!.Calendar!);
        Assert.Equal(events, h.Store.Count);
    }

    [Fact]
    public async Task The_breakdown_event_names_the_dispatcher()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        Assert.True((await h.Engine.TakeOutOfServiceWithReportAsync(Anna, "bus-1")).IsSuccess);
        var stored = h.Store.Snapshot().Single(e => e.Type == EventTypes.VehicleOutOfService);
        Assert.Contains("dispatcher:anna", stored.Payload, StringComparison.Ordinal);
    }
}
