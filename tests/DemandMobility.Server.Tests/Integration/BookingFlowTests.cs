using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>A rider's trip through real gRPC calls: quote, confirm, read, watch, driver's stop events, completion.</summary>
public sealed class BookingFlowTests
{
    [Fact]
    public Task Quote_confirm_watch_and_stop_events_complete_the_booking() => BookingScenarios.CompleteTripAsync(null);

    [Fact]
    public Task Cancelling_a_booking_frees_it_and_a_second_cancel_returns_it_unchanged() => BookingScenarios.CancelAsync(null);

    [Fact]
    public Task A_watch_ends_when_the_client_cancels_it() => BookingScenarios.WatchCancelledByClientAsync(null);

    [Fact]
    public async Task A_trip_no_shift_covers_gets_a_rejection_not_an_error()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var request = Scenario.Quote(server, "night");
        // 02:00 local the next night: every default shift has ended (the last one at 23:00).
        request.EarliestDeparture = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(16));
        var response = await server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(alice));
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Rejection, response.ResultCase);
        Assert.NotEmpty(response.Rejection.Message);
        Assert.True(response.Rejection.AlternativeTimes.Count <= 3);

        var retry = await server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(alice));
        Assert.Equal(response, retry);
        var now = server.Clock.GetUtcNow();
        var kpis = await server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(now.AddDays(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(1)),
        }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal(1, kpis.Rejected);
    }
}

/// <summary>The booking scenarios, run against SQLite and (with DM_TEST_POSTGRES) PostgreSQL.</summary>
internal static class BookingScenarios
{
    public static async Task CompleteTripAsync(IDictionary<string, string?>? settings)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, settings);
        var alice = Scenario.Rider(server);

        var offer = await Scenario.OfferAsync(server, alice, "trip-1");
        var window = offer.PromisedPickup.End.ToDateTimeOffset() - offer.PromisedPickup.Start.ToDateTimeOffset();
        Assert.Equal(TimeSpan.FromMinutes(15), window);
        Assert.True(offer.ExpiresAt.ToDateTimeOffset() > server.Clock.GetUtcNow());
        Assert.InRange(offer.Pickup.WalkingDistanceM, 0, 400);

        var booking = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "confirm-1" }, DispatchTestServer.As(alice));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal("alice", booking.RiderId);
        Assert.NotEmpty(booking.VehicleId);

        var read = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.Equal(booking.BookingId, read.BookingId);
        Assert.Equal(booking.PromisedPickup, read.PromisedPickup);

        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(BookingStatus.Confirmed, watch.ResponseStream.Current.Booking.Status);

        var driver = server.Token(Roles.Driver, "d-1", booking.VehicleId);
        foreach (var (kind, id) in new[] { (StopEventKind.Arrived, "e1"), (StopEventKind.Boarded, "e2"), (StopEventKind.Arrived, "e3"), (StopEventKind.DroppedOff, "e4") })
        {
            if (kind == StopEventKind.DroppedOff || id == "e3") server.Clock.Advance(TimeSpan.FromMinutes(10));
            await server.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = booking.VehicleId, Kind = kind, BookingId = booking.BookingId, EventId = id,
                OccurredAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()),
            }, DispatchTestServer.As(driver));
        }

        var statuses = new List<BookingStatus>();
        while (await watch.ResponseStream.MoveNext()) statuses.Add(watch.ResponseStream.Current.Booking.Status);
        Assert.Equal(BookingStatus.Completed, statuses[^1]);
        Assert.Equal(StatusCode.OK, watch.GetStatus().StatusCode);

        var kpis = await server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddDays(-1)),
            To = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(1)),
        }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal(1, kpis.Served);
    }

    public static async Task CancelAsync(IDictionary<string, string?>? settings)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, settings);
        var alice = Scenario.Rider(server);
        var booking = await Scenario.BookAsync(server, alice, "trip-c");

        var cancelled = await server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId, Reason = "plans changed" }, DispatchTestServer.As(alice));
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.NotNull(cancelled.CancelledAt);

        var again = await server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.Equal(cancelled, again);

        // The watch of a cancelled booking delivers its final state and ends with OK.
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.True(await watch.ResponseStream.MoveNext());
        Assert.Equal(BookingStatus.Cancelled, watch.ResponseStream.Current.Booking.Status);
        Assert.False(await watch.ResponseStream.MoveNext());
    }

    public static async Task WatchCancelledByClientAsync(IDictionary<string, string?>? settings)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, settings);
        var alice = Scenario.Rider(server);
        var booking = await Scenario.BookAsync(server, alice, "trip-w");
        using var cts = new CancellationTokenSource();
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice, cts.Token));
        Assert.True(await watch.ResponseStream.MoveNext());
        cts.Cancel();
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);

        // The server is still serving other calls afterwards.
        var read = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.Equal(BookingStatus.Confirmed, read.Status);
    }
}
