using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Vehicles, shifts, GPS client streams and manifests through real gRPC calls.</summary>
public sealed class FleetTests
{
    private static RegisterVehicleRequest Bus9(DispatchTestServer server) => new()
    {
        VehicleId = "bus-9",
        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
        Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
        Shift = new Shift
        {
            Start = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(-1)),
            End = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(8)),
        },
        DisplayName = "BT-DM 109",
    };

    [Fact]
    public async Task Register_start_shift_and_report_positions_as_the_vehicles_driver()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var dispatcher = Scenario.Dispatcher(server);

        var vehicle = await server.Fleet.RegisterVehicleAsync(Bus9(server), DispatchTestServer.As(dispatcher));
        Assert.Equal(VehicleStatus.OffShift, vehicle.Status);
        Assert.Equal(8, vehicle.Capacity.Seats);
        var duplicate = await Scenario.FailsAsync(() => server.Fleet.RegisterVehicleAsync(Bus9(server), DispatchTestServer.As(dispatcher)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);

        var driver = server.Token(Roles.Driver, "d-9", "bus-9");
        var started = await server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "bus-9" }, DispatchTestServer.As(driver));
        Assert.Equal(VehicleStatus.InService, started.Status);
        var twice = await Scenario.FailsAsync(() => server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "bus-9" }, DispatchTestServer.As(driver)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);

        var now = server.Clock.GetUtcNow();
        using var report = server.Fleet.ReportPositions(DispatchTestServer.As(driver));
        PositionFix Fix(double lat, double lon, int secondsAgo) => new()
        {
            VehicleId = "bus-9", Lat = lat, Lon = lon, HeadingDeg = 90, SpeedMps = 8,
            RecordedAt = Timestamp.FromDateTimeOffset(now.AddSeconds(-secondsAgo)),
        };
        await report.RequestStream.WriteAsync(Fix(49.9840, 11.5840, 30));
        await report.RequestStream.WriteAsync(Fix(49.9845, 11.5830, 10));
        await report.RequestStream.WriteAsync(Fix(49.9850, 11.5820, 20));   // older than the previous fix
        await report.RequestStream.WriteAsync(Fix(48.1000, 11.5800, 5));    // Munich: outside the service area
        await report.RequestStream.CompleteAsync();
        var summary = await report.ResponseAsync;
        Assert.Equal(2, summary.Accepted);
        Assert.Equal(2, summary.Rejected);
        Assert.Equal(now.AddSeconds(-10), summary.LastRecordedAt.ToDateTimeOffset());

        var ended = await server.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = "bus-9" }, DispatchTestServer.As(driver));
        Assert.Equal(VehicleStatus.OffShift, ended.Status);
    }

    [Fact]
    public async Task Drivers_act_only_for_their_own_vehicle()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var driver = server.Token(Roles.Driver, "d-1", "bus-1");

        var shift = await Scenario.FailsAsync(() => server.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = "bus-2" }, DispatchTestServer.As(driver)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, shift.StatusCode);

        using var report = server.Fleet.ReportPositions(DispatchTestServer.As(driver));
        await report.RequestStream.WriteAsync(new PositionFix { VehicleId = "bus-2", Lat = 49.984, Lon = 11.584, RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()) });
        await report.RequestStream.CompleteAsync();
        var stream = await Scenario.FailsAsync(() => report.ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, stream.StatusCode);

        using var manifest = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = "bus-2" }, DispatchTestServer.As(driver));
        var watch = await Scenario.FailsAsync(() => manifest.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.PermissionDenied, watch.StatusCode);

        var register = await Scenario.FailsAsync(() => server.Fleet.RegisterVehicleAsync(Bus9(server), DispatchTestServer.As(driver)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, register.StatusCode);
    }

    [Fact]
    public async Task The_manifest_stream_shows_a_new_booking_and_a_new_version_after_its_cancellation()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server);
        var booking = await Scenario.BookAsync(server, alice, "m-1");
        var driver = server.Token(Roles.Driver, "d", booking.VehicleId);

        using var watch = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = booking.VehicleId }, DispatchTestServer.As(driver));
        Assert.True(await watch.ResponseStream.MoveNext());
        var first = watch.ResponseStream.Current;
        Assert.Equal(booking.VehicleId, first.VehicleId);
        Assert.Contains(first.Stops, s => s.Boarding.Any(p => p.BookingId == booking.BookingId));
        Assert.Contains(first.Stops, s => s.Alighting.Any(p => p.BookingId == booking.BookingId));
        // The planned boarding start travels with each boarding stop (never before its arrival), and only with those.
        foreach (var s in first.Stops)
            if (s.Boarding.Count + s.ParcelsLoading.Count > 0)
                Assert.True(s.BoardingStart is { } b && b.ToDateTimeOffset() >= s.PlannedArrival.ToDateTimeOffset(), $"stop {s.Index}: boarding start {s.BoardingStart}");
            else Assert.Null(s.BoardingStart);

        await server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.True(await watch.ResponseStream.MoveNext());
        var second = watch.ResponseStream.Current;
        Assert.True(second.Version > first.Version);
        Assert.DoesNotContain(second.Stops, s => s.Boarding.Any(p => p.BookingId == booking.BookingId));
    }
}
