using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>A forecast that moves with the clock when fixes stop, and pickups that become late, then missed.</summary>
public sealed class ForecastAndMissedPickupTests
{
    [Fact]
    public async Task Without_fresh_fixes_the_pickup_estimate_slides_with_the_clock()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(5, 0), At(9, 0), Start.AddMinutes(15)));
        var before = await h.ViewAsync(b.Id);
        Assert.Equal(0, before.DelaySeconds);

        // No fix for 40 minutes: the bus is assumed still at its last known point (the depot, 5 km ≈ 7.5 min away).
        h.Clock.Advance(TimeSpan.FromMinutes(40));
        var after = await h.ViewAsync(b.Id);

        Assert.True(after.EstimatedPickup >= Start.AddMinutes(40 + 7), $"estimated {after.EstimatedPickup:O}");
        Assert.True(after.DelaySeconds > 0);
        Assert.Equal(after.DelaySeconds, (await h.Engine.GetFleetAsync(Control)).Value!.Vehicles.Single().DelaySeconds, 6);

        // The forecast grows with every further minute.
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await h.ViewAsync(b.Id)).DelaySeconds >= after.DelaySeconds + 299);
    }

    [Fact]
    public async Task A_fix_on_plan_keeps_the_forecast_on_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(5, 0), At(9, 0), Start.AddMinutes(15)));
        var before = await h.ViewAsync(b.Id);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await h.Engine.ReportPositionAsync(Control, "bus-1", P(0, 0))).IsSuccess);
        var after = await h.ViewAsync(b.Id);
        Assert.Equal(0, after.DelaySeconds);
        Assert.Equal(before.EstimatedPickup, after.EstimatedPickup);
    }

    [Fact]
    public async Task A_pickup_without_boarding_becomes_late_then_missed_with_alerts_and_kpis()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(5, 0), At(9, 0), Start.AddMinutes(15)));
        var windowEnd = b.Offer!.PromisedPickupEnd;

        h.Clock.Set(windowEnd.AddMinutes(1));
        await h.Engine.SuperviseAsync();
        var late = await h.ViewAsync(b.Id);
        Assert.Equal(BookingStatus.Confirmed, late.Booking.Status);
        Assert.True(late.Late);
        Assert.NotNull(late.Booking.LateSince);
        Assert.Contains("late", late.Booking.Notice);
        await h.Engine.SuperviseAsync(); // once only
        var alerts = (await h.Engine.GetAlertsAsync(Control, DateTimeOffset.MinValue)).Value!;
        Assert.Single(alerts, a => a.Kind == DispatchAlertKind.PickupLate && a.BookingId == b.Id);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.PickupsLate);

        h.Clock.Set(windowEnd + h.Options.MissedPickupGrace + TimeSpan.FromSeconds(1));
        await h.Engine.SuperviseAsync();
        var missed = await h.ViewAsync(b.Id);
        Assert.Equal(BookingStatus.Missed, missed.Booking.Status);
        Assert.Contains("missed", missed.Booking.Notice);
        Assert.Empty((await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops);
        alerts = (await h.Engine.GetAlertsAsync(Control, DateTimeOffset.MinValue)).Value!;
        Assert.Contains(alerts, a => a.Kind == DispatchAlertKind.PickupMissed && a.BookingId == b.Id);
        var kpis = (await h.Engine.GetKpisAsync(Control)).Value!;
        Assert.Equal(1, kpis.PickupsMissed);
        Assert.Equal(1, kpis.PickupsLate);

        await h.ReopenAsync();
        Assert.Equal(BookingStatus.Missed, (await h.ViewAsync(b.Id)).Booking.Status);
    }

    [Fact]
    public async Task A_vehicle_standing_at_the_pickup_is_never_given_up()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(5, 0), At(9, 0), Start.AddMinutes(15)));
        h.Clock.Set(b.Offer!.PromisedPickupStart);
        await h.StopAsync("bus-1", StopEventKind.Arrived, b.Id);
        h.Clock.Set(b.Offer.PromisedPickupEnd + h.Options.MissedPickupGrace + TimeSpan.FromMinutes(1));
        await h.Engine.SuperviseAsync();
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(b.Id)).Booking.Status);
    }

    [Fact]
    public async Task Booking_view_carries_the_fix_time_heading_and_speed()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(5, 0), At(9, 0), Start.AddMinutes(15)));
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await h.Engine.ReportPositionAsync(Control, "bus-1", P(0.2, 0), 12.5, 8.3)).IsSuccess);
        var view = await h.ViewAsync(b.Id);
        Assert.Equal(Start.AddSeconds(30), view.PositionAt);
        Assert.Equal(12.5, view.HeadingDegrees);
        Assert.Equal(8.3, view.SpeedMetresPerSecond);

        var bad = await h.Engine.ReportPositionAsync(Control, "bus-1", P(0.2, 0), 400, 8);
        Assert.Equal(DispatchErrorCode.InvalidArgument, bad.Error!.Code);
        Assert.Equal("position.heading", bad.Error.Field);
    }
}
