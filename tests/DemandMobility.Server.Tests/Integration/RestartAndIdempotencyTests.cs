using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Server.Services;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Retries are answered from the stored first response; a restart on the same data folder restores everything.</summary>
public sealed class RestartAndIdempotencyTests
{
    [Fact]
    public Task Retried_quotes_and_confirms_return_the_first_answer() => IdempotencyScenario.RunAsync(null);

    [Fact]
    public async Task A_restarted_server_still_has_the_booking_its_plan_and_its_idempotency_records()
    {
        using var dir = new TempDirectory();
        await RestartScenario.RunAsync(dir.Path, null);
    }
}

/// <summary>Retries with the same key, shared by the SQLite and PostgreSQL runs.</summary>
internal static class IdempotencyScenario
{
    public static async Task RunAsync(IDictionary<string, string?>? settings)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, settings);
        var alice = Scenario.Rider(server);
        var first = await Scenario.OfferAsync(server, alice, "same-key");
        var retry = await Scenario.OfferAsync(server, alice, "same-key");
        Assert.Equal(first, retry);

        var different = Scenario.Quote(server, "same-key", passengers: 2);
        var conflict = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(different, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, conflict.StatusCode);
        Assert.StartsWith("idempotency_key", conflict.Status.Detail);

        var confirm = new ConfirmOfferRequest { OfferId = first.OfferId, IdempotencyKey = "confirm-key" };
        var booked = await server.Booking.ConfirmOfferAsync(confirm, DispatchTestServer.As(alice));
        var again = await server.Booking.ConfirmOfferAsync(confirm, DispatchTestServer.As(alice));
        Assert.Equal(booked, again);
    }
}

/// <summary>The restart scenario, shared by the SQLite and PostgreSQL runs.</summary>
internal static class RestartScenario
{
    public static async Task RunAsync(string dataDirectory, IDictionary<string, string?>? settings)
    {
        Offer offer;
        Booking booking;
        DateTimeOffset now;
        await using (var server = await DispatchTestServer.StartAsync(dataDirectory, settings))
        {
            offer = await Scenario.OfferAsync(server, Scenario.Rider(server), "restart-key");
            booking = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "restart-key" }, DispatchTestServer.As(Scenario.Rider(server)));
            now = server.Clock.GetUtcNow();
        }

        await using (var server = await DispatchTestServer.StartAsync(dataDirectory, settings, now))
        {
            var alice = Scenario.Rider(server);
            var read = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
            Assert.Equal(booking.Status, read.Status);
            Assert.Equal(booking.PromisedPickup, read.PromisedPickup);
            Assert.Equal(booking.Pickup, read.Pickup);

            using var manifest = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = read.VehicleId }, DispatchTestServer.As(Scenario.Dispatcher(server)));
            Assert.True(await manifest.ResponseStream.MoveNext());
            Assert.Contains(manifest.ResponseStream.Current.Stops, s => s.Boarding.Any(p => p.BookingId == booking.BookingId));

            var retry = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "restart-key" }, DispatchTestServer.As(alice));
            Assert.Equal(booking, retry);
        }
    }
}
