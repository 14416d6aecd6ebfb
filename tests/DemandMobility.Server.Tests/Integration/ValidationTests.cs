using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Rejected calls name the field, use the right status and leave the state as it was.</summary>
public sealed class ValidationTests
{
    [Fact]
    public async Task Invalid_quotes_name_the_field_and_change_nothing()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var cases = new (string Field, Action<RequestQuoteRequest> Break)[]
        {
            ("origin", r => r.Origin = null),
            ("destination", r => r.Destination = new Location()),
            ("origin.point.lat", r => r.Origin.Point = new GeoPoint { Lat = double.NaN, Lon = 11.5 }),
            ("earliest_departure", r => r.ClearTime()),
            ("passengers", r => r.Passengers = 0),
            ("passengers", r => r.Passengers = 9),
            ("wheelchair_places", r => r.WheelchairPlaces = 2),
            ("luggage", r => r.Luggage = 5),
            ("idempotency_key", r => r.IdempotencyKey = ""),
            ("idempotency_key", r => r.IdempotencyKey = "tab\tkey"),
            ("destination", r => r.Destination = new Location { Point = new GeoPoint { Lat = Scenario.Origin.Lat + 0.0001, Lon = Scenario.Origin.Lon } }),
        };
        foreach (var (field, breakIt) in cases)
        {
            var request = Scenario.Quote(server, "v-" + field);
            breakIt(request);
            var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(alice)).ResponseAsync);
            Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{field}: {error.Status}");
            Assert.StartsWith(field, error.Status.Detail);
        }

        var unknownStop = Scenario.Quote(server, "stop");
        unknownStop.Origin = new Location { StopId = "stop-nowhere" };
        var stopError = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(unknownStop, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, stopError.StatusCode);
        Assert.Contains("stop-nowhere", stopError.Status.Detail);

        var unknownOffer = await Scenario.FailsAsync(() => server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = "no-such-offer", IdempotencyKey = "c" }, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownOffer.StatusCode);
        var unknownBooking = await Scenario.FailsAsync(() => server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = "" }, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, unknownBooking.StatusCode);
        Assert.StartsWith("booking_id", unknownBooking.Status.Detail);

        await AssertNothingPlannedAsync(server);
    }

    [Fact]
    public async Task An_oversized_message_is_resource_exhausted()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var request = Scenario.Quote(server, new string('k', 5 * 1024 * 1024));
        var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertNothingPlannedAsync(server);
    }

    [Fact]
    public async Task An_expired_offer_cannot_be_confirmed()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var offer = await Scenario.OfferAsync(server, alice, "late");
        server.Clock.Advance(TimeSpan.FromMinutes(4));   // Dispatch:OfferExpiry is 3 min
        var error = await Scenario.FailsAsync(() => server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "late" }, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        await AssertNothingPlannedAsync(server);
    }

    /// <summary>No vehicle has a planned stop and no trip was served or cancelled.</summary>
    private static async Task AssertNothingPlannedAsync(DispatchTestServer server)
    {
        var dispatcher = Scenario.Dispatcher(server);
        for (int i = 1; i <= 6; i++)
        {
            using var watch = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = $"bus-{i}" }, DispatchTestServer.As(dispatcher));
            Assert.True(await watch.ResponseStream.MoveNext());
            Assert.Empty(watch.ResponseStream.Current.Stops);
        }
        var now = server.Clock.GetUtcNow();
        var kpis = await server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(now.AddDays(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(1)),
        }, DispatchTestServer.As(dispatcher));
        Assert.Equal(0, kpis.Served + kpis.Cancelled + kpis.Rejected);
    }
}
