using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The service rules that used to live only in the gRPC services: every caller of the engine (server, in-process
/// simulator) now meets the same trip limits, GPS plausibility and "an offer is not a booking".
/// </summary>
public sealed class EngineRulesTests
{
    private static readonly ServiceArea Area = new([P(-20, -20), P(-20, 20), P(20, 20), P(20, -20)]);

    [Theory]
    [InlineData("short", "destination")]
    [InlineData("crowd", "passengers")]
    [InlineData("luggage", "luggage")]
    public async Task Trip_limits_are_refused_naming_the_field_and_change_nothing(string problem, string field)
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", seats: 12);
        int events = h.Store.Count;
        var request = problem switch
        {
            "short" => Trip(At(1, 1), At(1.05, 1), Start.AddMinutes(10)),                    // 56 m apart
            "crowd" => Trip(At(1, 1), At(3, 3), Start.AddMinutes(10), passengers: 9),       // the bus has 12 seats
            _ => new QuoteRequest(At(1, 1), At(3, 3), Start.AddMinutes(10), null, 1, 0, 5),
        };
        var r = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), request);
        Assert.Equal(DispatchErrorCode.InvalidArgument, r.Error!.Code);
        Assert.Equal(field, r.Error.Field);
        Assert.Equal(events, h.Store.Count);
    }

    [Fact]
    public async Task Trip_limits_come_from_the_options()
    {
        var h = await CreateAsync(new DispatchOptions { MinTripMetres = 10, MaxPassengersPerBooking = 10 });
        await h.AddVehicleAsync("bus-1", seats: 12);
        Assert.NotNull(await h.OfferAsync("anna", Trip(At(1, 1), At(1.05, 1), Start.AddMinutes(10), passengers: 9)));
    }

    [Fact]
    public async Task Fixes_from_the_future_older_than_the_last_or_outside_the_area_are_refused_across_calls()
    {
        var h = await CreateAsync(new DispatchOptions { ServiceArea = Area });
        await h.AddVehicleAsync("bus-1");
        var driver = CallerIdentity.Driver("bus-1");
        var first = await h.Engine.ReportPositionAsync(driver, "bus-1", P(1, 1), Start.AddSeconds(-5));
        Assert.True(first.IsSuccess, first.Error?.Message);

        var future = await h.Engine.ReportPositionAsync(driver, "bus-1", P(1.1, 1), Start.AddMinutes(6));
        var older = await h.Engine.ReportPositionAsync(driver, "bus-1", P(0.5, 1), Start.AddHours(-2));
        var outside = await h.Engine.ReportPositionAsync(driver, "bus-1", P(30, 1), Start);
        Assert.Equal("recordedAt", future.Error!.Field);
        Assert.Equal("recordedAt", older.Error!.Field);
        Assert.Equal("position", outside.Error!.Field);
        var vehicle = (await h.Engine.GetFleetAsync(Control)).Value!.Vehicles.Single(v => v.VehicleId == "bus-1");
        Assert.Equal(P(1, 1).Latitude, vehicle.Position!.Value.Latitude, 6); // none of them moved the bus

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await h.Engine.ReportPositionAsync(driver, "bus-1", P(1.2, 1), Start.AddSeconds(20))).IsSuccess);
    }

    [Fact]
    public async Task A_fix_older_than_the_last_accepted_one_is_refused_after_a_restart()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var driver = CallerIdentity.Driver("bus-1");
        Assert.True((await h.Engine.ReportPositionAsync(driver, "bus-1", P(1, 1), Start.AddSeconds(-5))).IsSuccess);

        await h.ReopenAsync();

        var older = await h.Engine.ReportPositionAsync(driver, "bus-1", P(0.5, 1), Start.AddMinutes(-2));
        Assert.Equal(DispatchErrorCode.InvalidArgument, older.Error?.Code);
        Assert.Equal("recordedAt", older.Error!.Field);
        var vehicle = (await h.Engine.GetFleetAsync(Control)).Value!.Vehicles.Single(v => v.VehicleId == "bus-1");
        Assert.Equal(P(1, 1).Latitude, vehicle.Position!.Value.Latitude, 6);
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await h.Engine.ReportPositionAsync(driver, "bus-1", P(1.2, 1), Start.AddSeconds(5))).IsSuccess);
    }

    [Fact]
    public async Task A_confirmed_offer_confirmed_again_by_another_request_is_a_failed_precondition()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var anna = CallerIdentity.Rider("anna");
        var offer = await h.OfferAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
        var booking = (await h.Engine.ConfirmOfferAsync(anna, offer.OfferId, "k-1")).Value!;
        Assert.Equal(booking.Id, (await h.Engine.ConfirmOfferAsync(anna, offer.OfferId, "k-1")).Value!.Id);
        var again = await h.Engine.ConfirmOfferAsync(anna, offer.OfferId, "k-2");
        Assert.Equal(DispatchErrorCode.FailedPrecondition, again.Error!.Code);
    }

    [Fact]
    public async Task An_offer_is_not_a_booking()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var anna = CallerIdentity.Rider("anna");
        var offer = await h.OfferAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
        var bookingId = (await h.Engine.GetBookingAsync(Control, offer.BookingId)).Value!.Booking.Id;

        var read = await h.Engine.GetConfirmedBookingAsync(anna, bookingId);
        var watch = await h.Engine.WatchConfirmedBookingAsync(anna, bookingId);
        var unknown = await h.Engine.GetConfirmedBookingAsync(anna, "no-such-booking");
        Assert.Equal(DispatchErrorCode.NotFound, read.Error!.Code);
        Assert.Equal(DispatchErrorCode.NotFound, watch.Error!.Code);
        Assert.Equal(unknown.Error!.Message.Replace("no-such-booking", "X"), read.Error.Message.Replace(bookingId, "X"));

        await h.Engine.ConfirmOfferAsync(anna, offer.OfferId);
        Assert.Equal(BookingStatus.Confirmed, (await h.Engine.GetConfirmedBookingAsync(anna, bookingId)).Value!.Booking.Status);
    }

    [Fact]
    public async Task The_manifest_names_when_boarding_starts()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var booking = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(30)));
        var manifest = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!;
        var pickup = manifest.Stops.Single(s => s.Board.Any(e => e.SubjectId == booking.Id));
        var dropoff = manifest.Stops.Single(s => s.Alight.Any(e => e.SubjectId == booking.Id));
        var entry = pickup.Board.Single();
        Assert.NotNull(pickup.BoardingStart);
        // The bus arrives early and waits for the promised window: boarding starts when the window opens, not on arrival.
        Assert.True(pickup.BoardingStart >= pickup.PlannedArrival);
        Assert.True(pickup.BoardingStart >= entry.PromisedFrom && pickup.BoardingStart <= entry.PromisedUntil);
        Assert.Null(dropoff.BoardingStart);
    }

    [Fact]
    public async Task A_shift_that_is_already_over_or_beyond_the_horizon_is_refused()
    {
        var h = await CreateAsync();
        var year1 = new DateTimeOffset(1, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var past = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration("bus-1", new Optimization.Model.LoadVector(4, 0, 0, 2), P(0, 0), year1, year1.AddHours(8)));
        var far = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration("bus-2", new Optimization.Model.LoadVector(4, 0, 0, 2), P(0, 0), Start.AddDays(60), Start.AddDays(60).AddHours(8)));
        Assert.Equal("shiftEnd", past.Error!.Field);
        Assert.Equal("shiftStart", far.Error!.Field);
    }
}
