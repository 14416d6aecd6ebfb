using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class PlanningTests
{
    /// <summary>Short waits, so that a one-seat bus busy with one 8 km trip cannot take a second rider at the same time.</summary>
    private static readonly Engine.DispatchOptions Tight = new() { MaxWait = TimeSpan.FromMinutes(5) };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_compatible_riders_share_one_vehicle(bool exhaustive)
    {
        var h = await CreateAsync(exhaustive: exhaustive);
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("bus-2");
        var a = await h.BookAsync("anna", Trip(At(1, 0), At(8, 0), Start.AddMinutes(5)));
        var b = await h.BookAsync("ben", Trip(At(1.5, 0), At(7.5, 0), Start.AddMinutes(6)));
        Assert.Equal(a.VehicleId, b.VehicleId);
        var plan = await h.Engine.GetPlanAsync();
        Assert.Single(plan);
        Assert.Equal(4, plan[a.VehicleId!].Length);
    }

    [Fact]
    public async Task Parcel_and_passenger_ride_on_one_vehicle_and_the_parcel_is_delivered_in_time()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("kombi-1", seats: 4, parcels: 6);
        var booking = await h.BookAsync("anna", Trip(At(1, 0), At(9, 0), Start.AddMinutes(5)));
        var parcelResult = await h.Engine.SubmitParcelAsync(CallerIdentity.Shop("baker"),
            new ParcelRequest(At(2, 0), At(8, 0), 3, Start, Start.AddHours(2)));
        Assert.True(parcelResult.IsSuccess, parcelResult.Error?.Message);
        var parcel = parcelResult.Value!;
        Assert.Equal(ParcelStatus.Planned, parcel.Status);
        Assert.Equal("kombi-1", parcel.VehicleId);

        var plan = (await h.Engine.GetPlanAsync())["kombi-1"];
        Assert.Equal(4, plan.Length);
        var offer = booking.Offer!;
        var pickup = plan.Single(s => s.SubjectId == booking.Id && s.Kind == StopKind.Pickup);
        Assert.InRange(pickup.ServiceStart, offer.PromisedPickupStart, offer.PromisedPickupEnd);

        var manifest = (await h.Engine.GetManifestAsync(CallerIdentity.Driver("kombi-1"), "kombi-1")).Value!;
        Assert.Contains(manifest.Stops, s => s.Board.Any(e => e.IsParcel && e.OwnerId == "baker"));
        Assert.Contains(manifest.Stops, s => s.Board.Any(e => !e.IsParcel && e.OwnerId == "anna"));

        foreach (var stop in plan)
        {
            h.Clock.Set(stop.ServiceStart);
            var kind = (stop.SubjectId == parcel.Id, stop.Kind) switch
            {
                (true, StopKind.Pickup) => StopEventKind.ParcelPickedUp,
                (true, _) => StopEventKind.ParcelHandedOver,
                (false, StopKind.Pickup) => StopEventKind.Boarded,
                _ => StopEventKind.DroppedOff,
            };
            await h.StopAsync("kombi-1", kind, stop.SubjectId);
        }
        var view = (await h.Engine.GetParcelAsync(CallerIdentity.Shop("baker"), parcel.Id)).Value!;
        Assert.Equal(ParcelStatus.Delivered, view.Parcel.Status);
        Assert.Equal(BookingStatus.Completed, (await h.ViewAsync(booking.Id)).Booking.Status);
        var kpi = (await h.Engine.GetKpisAsync(Control)).Value!;
        Assert.Equal((1, 1, 0), (kpi.Served, kpi.ParcelsDelivered, kpi.ParcelsDeliveredLate));
    }

    [Fact]
    public async Task Parcel_handed_over_after_its_window_is_delivered_late()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("kombi-1", parcels: 4);
        var parcel = (await h.Engine.SubmitParcelAsync(CallerIdentity.Shop("baker"),
            new ParcelRequest(At(1, 0), At(3, 0), 1, Start, Start.AddHours(1)))).Value!;
        await h.StopAsync("kombi-1", StopEventKind.ParcelPickedUp, parcel.Id);
        h.Clock.Advance(TimeSpan.FromHours(2));
        var done = await h.StopAsync("kombi-1", StopEventKind.ParcelHandedOver, parcel.Id);
        Assert.Equal(ParcelStatus.DeliveredLate, done.Parcel!.Status);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.ParcelsDeliveredLate);
    }

    [Fact]
    public async Task Parcel_that_would_break_a_promise_is_refused()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("kombi-1", parcels: 4);
        var booking = await h.BookAsync("anna", Trip(At(1, 0), At(3, 0), Start.AddMinutes(5)));
        var plan = await h.Engine.GetPlanAsync();
        // A parcel far away that must be delivered before the rider's trip could end.
        var r = await h.Engine.SubmitParcelAsync(CallerIdentity.Shop("baker"),
            new ParcelRequest(At(-30, 0), At(-31, 0), 1, Start, Start.AddMinutes(60)));
        Assert.Equal(DispatchErrorCode.NoCapacity, r.Error!.Code);
        Assert.Equal(plan["kombi-1"].AsEnumerable(), (await h.Engine.GetPlanAsync())["kombi-1"].AsEnumerable());
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(booking.Id)).Booking.Status);
    }

    [Fact]
    public async Task No_show_frees_the_seat()
    {
        var h = await CreateAsync(Tight);
        await h.AddVehicleAsync("bus-1", seats: 1);
        var trip = Trip(At(1, 0), At(9, 0), Start.AddMinutes(10));
        var anna = await h.BookAsync("anna", trip);
        var full = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(1, 0), At(9, 0), Start.AddMinutes(12)))).Value!;
        Assert.NotNull(full.Rejection);

        h.Clock.Set(anna.Offer!.PromisedPickupEnd);
        await h.StopAsync("bus-1", StopEventKind.Arrived, anna.Id);
        var noShow = await h.StopAsync("bus-1", StopEventKind.NoShow, anna.Id);
        Assert.Equal(BookingStatus.NoShow, noShow.Booking!.Status);
        Assert.Empty(await h.Engine.GetPlanAsync());

        var ben = await h.OfferAsync("ben", Trip(At(1, 0), At(9, 0), h.Clock.GetUtcNow()));
        Assert.Equal("bus-1", ben.VehicleId);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.NoShows);
    }

    [Fact]
    public async Task Cancel_frees_the_plan()
    {
        var h = await CreateAsync(Tight);
        await h.AddVehicleAsync("bus-1", seats: 1);
        var anna = await h.BookAsync("anna", Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)));
        var rejected = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(1, 0), At(9, 0), Start.AddMinutes(11)))).Value!;
        Assert.NotNull(rejected.Rejection);

        var cancelled = await h.Engine.CancelBookingAsync(CallerIdentity.Rider("anna"), anna.Id);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Value!.Status);
        Assert.Empty(await h.Engine.GetPlanAsync());
        await h.OfferAsync("ben", Trip(At(1, 0), At(9, 0), Start.AddMinutes(11)));

        var again = await h.Engine.CancelBookingAsync(CallerIdentity.Rider("anna"), anna.Id);
        Assert.Equal(BookingStatus.Cancelled, again.Value!.Status);
    }

    [Fact]
    public async Task Rejection_offers_alternative_times_that_work()
    {
        var h = await CreateAsync(Tight);
        await h.AddVehicleAsync("bus-1", seats: 1);
        await h.BookAsync("anna", Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)));
        var r = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)))).Value!;
        Assert.Null(r.Offer);
        Assert.NotEmpty(r.Rejection!.AlternativeTimes);
        Assert.True(r.Rejection.AlternativeTimes.Length <= h.Options.MaxAlternatives);
        var alt = await h.OfferAsync("ben", Trip(At(1, 0), At(9, 0), r.Rejection.AlternativeTimes[0]));
        Assert.Equal("bus-1", alt.VehicleId);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.Rejected);
    }

    [Fact]
    public async Task Latest_arrival_is_promised_and_kept()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var arriveBy = Start.AddHours(2);
        var offer = await h.OfferAsync("anna", new QuoteRequest(At(1, 0), At(9, 0), null, arriveBy));
        Assert.Equal(arriveBy, offer.LatestArrival);
        Assert.True(offer.PredictedDropoff <= arriveBy);
        Assert.True(offer.PlannedPickup >= arriveBy.AddMinutes(-40), "should not be collected needlessly early");
        var b = (await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), offer.OfferId)).Value!;
        var drop = (await h.Engine.GetPlanAsync())["bus-1"].Single(s => s.SubjectId == b.Id && s.Kind == StopKind.Delivery);
        Assert.True(drop.ServiceStart <= arriveBy);
    }

    [Fact]
    public async Task Pre_booking_days_ahead_uses_the_shift_of_that_day()
    {
        var h = await CreateAsync();
        var day3 = Start.AddDays(3);
        await h.AddVehicleAsync("bus-day3", shiftStart: day3, shiftEnd: day3.AddHours(10), onShift: false);

        var today = (await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), Trip(At(1, 0), At(4, 0), Start.AddMinutes(30)))).Value!;
        Assert.NotNull(today.Rejection);

        var b = await h.BookAsync("anna", Trip(At(1, 0), At(4, 0), day3.AddHours(1)));
        Assert.Equal("bus-day3", b.VehicleId);
        Assert.True(b.Offer!.PlannedPickup >= day3.AddHours(1));
        Assert.True(b.Offer.PlannedPickup <= day3.AddHours(1) + h.Options.MaxWait);
    }

    [Fact]
    public async Task Expired_offer_cannot_be_confirmed()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var offer = await h.OfferAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(30)));
        h.Clock.Advance(h.Options.OfferExpiry + TimeSpan.FromSeconds(1));
        var r = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), offer.OfferId);
        Assert.Equal(DispatchErrorCode.Expired, r.Error!.Code);
        Assert.Empty(await h.Engine.GetPlanAsync());
    }

    [Fact]
    public async Task Offer_no_longer_feasible_fails_clearly()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", seats: 1);
        var trip = Trip(At(1, 0), At(5, 0), Start.AddMinutes(10));
        var first = await h.OfferAsync("anna", trip);
        var second = await h.OfferAsync("ben", trip);
        Assert.True((await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), first.OfferId)).IsSuccess);
        var r = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("ben"), second.OfferId);
        Assert.Equal(DispatchErrorCode.NoCapacity, r.Error!.Code);
        Assert.Contains("no longer feasible", r.Error.Message);
        Assert.Equal(BookingStatus.Offered, (await h.ViewAsync(second.BookingId)).Booking.Status);
    }

    [Fact]
    public async Task Gps_delay_propagates_to_the_eta_and_the_fleet_view()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(5)));
        var before = await h.ViewAsync(b.Id);
        Assert.Equal(0, before.DelaySeconds);

        // The bus went the wrong way: 10 km south after 5 minutes.
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var fix = await h.Engine.ReportPositionAsync(CallerIdentity.Driver("bus-1"), "bus-1", P(-10, 0));
        Assert.True(fix.IsSuccess, fix.Error?.Message);
        var after = await h.ViewAsync(b.Id);
        Assert.True(after.EstimatedPickup > before.EstimatedPickup);
        Assert.True(after.EstimatedDropoff > before.EstimatedDropoff);
        Assert.True(after.DelaySeconds > 0);
        Assert.Equal(P(-10, 0), after.VehiclePosition);
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.True(fleet.Vehicles.Single().DelaySeconds > 0);

        var otherDriver = await h.Engine.ReportPositionAsync(CallerIdentity.Driver("bus-2"), "bus-1", P(0, 0));
        Assert.Equal(DispatchErrorCode.NotFound, otherDriver.Error!.Code);
    }
}
