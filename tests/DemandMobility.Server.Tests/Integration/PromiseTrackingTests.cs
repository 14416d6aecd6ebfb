using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Promises that hold when reality differs from the plan, through real gRPC: a shift ended or a bus broken down
/// re-plans its bookings, a pickup nobody made becomes late then missed, and the rider sees the fix's time, heading
/// and speed and named stops.
/// </summary>
public sealed class PromiseTrackingTests
{
    private static Task<Booking> GetAsync(DispatchTestServer server, string token, string id) =>
        server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = id }, DispatchTestServer.As(token)).ResponseAsync;

    [Fact]
    public async Task Ending_a_shift_or_a_breakdown_moves_the_booking_or_marks_it_disrupted()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var dispatcher = Scenario.Dispatcher(server);
        var booking = await Scenario.BookAsync(server, alice, "book");
        string first = booking.VehicleId;

        var ended = await server.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = first }, DispatchTestServer.As(dispatcher));
        Assert.Equal(VehicleStatus.OffShift, ended.Status);
        var moved = await GetAsync(server, alice, booking.BookingId);
        Assert.Equal(BookingStatus.Confirmed, moved.Status);
        Assert.NotEqual(first, moved.VehicleId);
        Assert.Contains(moved.VehicleId, moved.Notice);

        var broken = await server.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = moved.VehicleId, OutOfService = true }, DispatchTestServer.As(dispatcher));
        Assert.Equal(VehicleStatus.OutOfService, broken.Status);
        var after = await GetAsync(server, alice, booking.BookingId);
        Assert.True(after.Status == BookingStatus.Disrupted || (after.Status == BookingStatus.Confirmed && after.VehicleId != moved.VehicleId && after.VehicleId != first),
            after.ToString());
        Assert.NotEmpty(after.Notice);
    }

    [Fact]
    public async Task A_pickup_nobody_made_slides_becomes_late_and_then_missed()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var booking = await Scenario.BookAsync(server, alice, "book");
        var engine = server.Services.GetRequiredService<DispatchEngine>();

        server.Clock.Advance(booking.PromisedPickup.End.ToDateTimeOffset().AddMinutes(1) - server.Clock.GetUtcNow());
        await engine.SuperviseAsync();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice, cts.Token));
            Assert.True(await watch.ResponseStream.MoveNext());
            var update = watch.ResponseStream.Current;
            Assert.Equal(BookingStatus.Confirmed, update.Booking.Status);
            Assert.NotNull(update.Booking.LateSince);
            Assert.Contains("late", update.Booking.Notice);
            Assert.True(update.Delay.ToTimeSpan() > TimeSpan.Zero);
            Assert.True(update.Eta.ToDateTimeOffset() > server.Clock.GetUtcNow());
        }

        server.Clock.Advance(TimeSpan.FromMinutes(20));
        await engine.SuperviseAsync();
        var missed = await GetAsync(server, alice, booking.BookingId);
        Assert.Equal(BookingStatus.Missed, missed.Status);
        Assert.Contains("missed", missed.Notice);
    }

    [Fact]
    public async Task Watch_booking_carries_the_fix_time_heading_and_speed_and_stops_have_names()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var offer = await Scenario.OfferAsync(server, alice, "quote");
        Assert.NotEmpty(offer.Pickup.Name);
        Assert.NotEmpty(offer.Dropoff.Name);
        var booking = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "confirm" }, DispatchTestServer.As(alice));

        var driver = server.Token(Roles.Driver, "d-1", booking.VehicleId);
        var now = server.Clock.GetUtcNow();
        using (var report = server.Fleet.ReportPositions(DispatchTestServer.As(driver)))
        {
            await report.RequestStream.WriteAsync(new PositionFix
            {
                VehicleId = booking.VehicleId, Lat = 49.9845, Lon = 11.5830, HeadingDeg = 90, SpeedMps = 8,
                RecordedAt = Timestamp.FromDateTimeOffset(now),
            });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice, cts.Token));
        Assert.True(await watch.ResponseStream.MoveNext());
        var vehicle = watch.ResponseStream.Current.Vehicle;
        Assert.Equal(90, vehicle.HeadingDeg);
        Assert.Equal(8, vehicle.SpeedMps);
        Assert.Equal(now, vehicle.RecordedAt.ToDateTimeOffset());
        Assert.NotEmpty(watch.ResponseStream.Current.Booking.Pickup.Name);
    }
}
