using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class BookingFlowTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Quote_confirm_and_stop_events_complete_the_booking(bool exhaustive)
    {
        var h = await CreateAsync(exhaustive: exhaustive);
        await h.AddVehicleAsync("bus-1");

        var offer = await h.OfferAsync("anna", Trip(At(2, 0), At(6, 0), Start.AddMinutes(10)));
        Assert.Equal("bus-1", offer.VehicleId);
        Assert.True(offer.PromisedPickupStart <= offer.PlannedPickup && offer.PlannedPickup <= offer.PromisedPickupEnd);
        Assert.Equal(h.Options.PromiseWindow, offer.PromisedPickupEnd - offer.PromisedPickupStart);
        Assert.True(offer.PlannedPickup >= Start.AddMinutes(10));
        // 4 km at 40 km/h = 360 s of driving plus 30 s boarding.
        Assert.Equal(390, (offer.PredictedDropoff - offer.PlannedPickup).TotalSeconds, 3);
        Assert.Equal(Start + h.Options.OfferExpiry, offer.ExpiresAt);

        var booking = (await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), offer.OfferId)).Value!;
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(offer.BookingId, booking.Id);

        h.Clock.Set(offer.PlannedPickup);
        await h.StopAsync("bus-1", StopEventKind.Arrived, booking.Id);
        var boarded = await h.StopAsync("bus-1", StopEventKind.Boarded, booking.Id);
        Assert.Equal(BookingStatus.OnBoard, boarded.Booking!.Status);
        h.Clock.Advance(TimeSpan.FromMinutes(7));
        var done = await h.StopAsync("bus-1", StopEventKind.DroppedOff, booking.Id);
        Assert.Equal(BookingStatus.Completed, done.Booking!.Status);

        var view = await h.ViewAsync(booking.Id);
        Assert.Equal(BookingStatus.Completed, view.Booking.Status);
        Assert.Null(view.EstimatedPickup);
        Assert.Empty(await h.Engine.GetPlanAsync());
        var kpi = (await h.Engine.GetKpisAsync(Control)).Value!;
        Assert.Equal(1, kpi.Served);
        Assert.Equal(420, kpi.AverageRideSeconds, 3);
        Assert.Equal(6, kpi.VehicleKm, 3); // depot → pickup 2 km empty, then 4 km with the rider
        Assert.Equal(2, kpi.EmptyKm, 3);
        Assert.Equal(4.0 / 6.0, kpi.Occupancy, 3);
    }
}
