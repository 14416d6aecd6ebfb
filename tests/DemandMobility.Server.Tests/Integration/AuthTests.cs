using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Every call is authenticated; roles and ownership are enforced.</summary>
public sealed class AuthTests
{
    [Fact]
    public async Task Calls_without_a_valid_token_are_unauthenticated()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var expired = server.TokenIssuedAt(DateTimeOffset.UtcNow.AddHours(-2), Roles.Rider, "alice", TimeSpan.FromHours(1));
        foreach (var token in new string?[] { null, "not-a-jwt", expired })
        {
            var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(Scenario.Quote(server, "k"), DispatchTestServer.As(token)).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.NotEmpty(error.Status.Detail);
        }
        using var stream = server.Monitor.WatchFleet(new WatchFleetRequest(), DispatchTestServer.As(null));
        var streamError = await Scenario.FailsAsync(() => stream.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Unauthenticated, streamError.StatusCode);
    }

    [Fact]
    public async Task Roles_are_checked_per_rpc()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var shopQuote = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(Scenario.Quote(server, "k"),
            DispatchTestServer.As(server.Token(Roles.Shop, "hofladen"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, shopQuote.StatusCode);
        var plannerQuote = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(Scenario.Quote(server, "k"),
            DispatchTestServer.As(server.Token(Roles.Planner, "p"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, plannerQuote.StatusCode);
        var riderFleet = await Scenario.FailsAsync(() => server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "bus-1" },
            DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, riderFleet.StatusCode);
    }

    [Fact]
    public async Task Riders_cannot_see_or_change_each_others_bookings()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server, "alice"), "a-1");
        var bob = Scenario.Rider(server, "bob");

        var get = await Scenario.FailsAsync(() => server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(bob)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        var cancel = await Scenario.FailsAsync(() => server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(bob)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(bob));
        var watchError = await Scenario.FailsAsync(() => watch.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.NotFound, watchError.StatusCode);

        // Still there and unchanged for its owner and for the dispatcher.
        var own = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Rider(server, "alice")));
        Assert.Equal(BookingStatus.Confirmed, own.Status);
        var dispatcher = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal("alice", dispatcher.RiderId);
    }
}
