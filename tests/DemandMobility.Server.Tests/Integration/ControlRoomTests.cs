using Google.Protobuf.WellKnownTypes;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>DispatcherService and PlaceService through real gRPC on loopback.</summary>
public sealed class ControlRoomTests
{
    private static DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient Control(DispatchTestServer server) => new(server.Channel);

    private static DemandMobility.Contracts.V1.PlaceService.PlaceServiceClient Places(DispatchTestServer server) => new(server.Channel);

    [Fact]
    public async Task A_breakdown_moves_the_booking_to_another_bus()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "bd-1");

        var report = await Control(server).TakeVehicleOutOfServiceAsync(
            new TakeVehicleOutOfServiceRequest { VehicleId = booking.VehicleId }, DispatchTestServer.As(Scenario.Dispatcher(server)));

        Assert.Equal(VehicleStatus.OutOfService, report.Vehicle.Status);
        Assert.Equal(1, report.Replanned);
        Assert.Empty(report.CallBacks);
        var moved = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Rider(server)));
        Assert.NotEqual(booking.VehicleId, moved.VehicleId);
        Assert.Equal(BookingStatus.Confirmed, moved.Status);
        var alerts = await Control(server).ListAlertsAsync(new ListAlertsRequest(), DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Contains(alerts.Alerts, a => a.Kind == "duty_lost" && a.VehicleId == booking.VehicleId);
    }

    [Fact]
    public async Task A_breakdown_without_a_spare_bus_lists_the_booking_for_a_call_back()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "bd-2");
        var control = Control(server);
        var asDispatcher = DispatchTestServer.As(Scenario.Dispatcher(server));
        foreach (string other in new[] { "bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6" }.Where(v => v != booking.VehicleId))
            Assert.Equal(0, (await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = other }, asDispatcher)).Replanned);

        var report = await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = booking.VehicleId }, asDispatcher);

        Assert.Equal(0, report.Replanned);
        var callBack = Assert.Single(report.CallBacks);
        Assert.Equal(booking.BookingId, callBack.BookingId);
        Assert.Contains("contact the rider", callBack.Reason, StringComparison.Ordinal);
        var rider = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Rider(server)));
        Assert.Equal(BookingStatus.Disrupted, rider.Status);
        var alerts = await control.ListAlertsAsync(new ListAlertsRequest(), asDispatcher);
        Assert.Contains(alerts.Alerts, a => a.Kind == "promise_not_kept" && a.BookingId == booking.BookingId);
    }

    [Fact]
    public async Task An_ad_hoc_vehicle_gets_its_shift_extended_by_a_dispatcher_only()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var now = server.Clock.GetUtcNow();
        var asAnna = DispatchTestServer.As(server.Token(Roles.Dispatcher, "anna"));
        await server.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
        {
            VehicleId = "spare-1",
            Capacity = new Capacity { Seats = 8 },
            Depot = Scenario.Origin,
            Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-5)), End = Timestamp.FromDateTimeOffset(now.AddHours(1)) },
        }, asAnna);
        await server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "spare-1" }, asAnna);
        var control = Control(server);

        var extended = await control.ExtendShiftAsync(new ExtendShiftRequest { VehicleId = "spare-1", Until = Timestamp.FromDateTimeOffset(now.AddHours(3)) }, asAnna);

        Assert.Equal(now.AddHours(3), extended.Shift.End.ToDateTimeOffset());
        Assert.Equal(VehicleStatus.InService, extended.Status);
        var shorter = await Scenario.FailsAsync(() => control.ExtendShiftAsync(
            new ExtendShiftRequest { VehicleId = "spare-1", Until = Timestamp.FromDateTimeOffset(now.AddHours(2)) }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, shorter.StatusCode);
        Assert.Contains("until", shorter.Status.Detail, StringComparison.Ordinal);
        var missing = await Scenario.FailsAsync(() => control.ExtendShiftAsync(new ExtendShiftRequest { VehicleId = "spare-1" }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, missing.StatusCode);
        var unknown = await Scenario.FailsAsync(() => control.ExtendShiftAsync(
            new ExtendShiftRequest { VehicleId = "bus-99", Until = Timestamp.FromDateTimeOffset(now.AddHours(3)) }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var planner = await Scenario.FailsAsync(() => control.ExtendShiftAsync(
            new ExtendShiftRequest { VehicleId = "spare-1", Until = Timestamp.FromDateTimeOffset(now.AddHours(4)) }, DispatchTestServer.As(server.Token(Roles.Planner, "paula"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, planner.StatusCode);
    }

    [Fact]
    public async Task Control_room_actions_are_for_dispatchers_and_name_bad_input()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var control = Control(server);
        var denied = await Scenario.FailsAsync(() => control.ListAlertsAsync(new ListAlertsRequest(), DispatchTestServer.As(server.Token(Roles.Planner, "plan"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var unknown = await Scenario.FailsAsync(() => control.TakeVehicleOutOfServiceAsync(
            new TakeVehicleOutOfServiceRequest { VehicleId = "bus-99" }, DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var empty = await Scenario.FailsAsync(() => control.TakeVehicleOutOfServiceAsync(
            new TakeVehicleOutOfServiceRequest(), DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("vehicle_id", empty.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Places_of_the_region_are_found_by_name_for_riders_and_dispatchers()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var places = Places(server);
        var found = await places.SearchPlacesAsync(new SearchPlacesRequest { Query = "bindlach bahn", MaxResults = 5 }, DispatchTestServer.As(Scenario.Rider(server)));
        Assert.InRange(found.Places.Count, 1, 5);
        Assert.All(found.Places, p => Assert.Contains("Bindlach", p.Label, StringComparison.Ordinal));
        // The halt "Bindlach Bahnhof" (highway=bus_stop in the embedded extract), north-east of Bayreuth.
        var best = found.Places[0];
        Assert.Equal("Bindlach Bahnhof", best.Label);
        Assert.Equal("bus_stop", best.Kind);
        Assert.InRange(best.Position.Lat, 49.97, 49.99);
        Assert.InRange(best.Position.Lon, 11.59, 11.62);
        Assert.NotEmpty((await places.SearchPlacesAsync(new SearchPlacesRequest { Query = "Bindlach" }, DispatchTestServer.As(Scenario.Dispatcher(server)))).Places);

        var blank = await Scenario.FailsAsync(() => places.SearchPlacesAsync(new SearchPlacesRequest { Query = " ,; " }, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, blank.StatusCode);
        Assert.Contains("query", blank.Status.Detail, StringComparison.Ordinal);
        var tooMany = await Scenario.FailsAsync(() => places.SearchPlacesAsync(new SearchPlacesRequest { Query = "a", MaxResults = 51 }, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        var driver = await Scenario.FailsAsync(() => places.SearchPlacesAsync(new SearchPlacesRequest { Query = "a" }, DispatchTestServer.As(server.Token(Roles.Driver, "d1", "bus-1"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, driver.StatusCode);
    }

    [Fact]
    public async Task An_alert_is_acknowledged_with_who_and_when_and_stays_listed()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "ack-1");
        var control = Control(server);
        var asAnna = DispatchTestServer.As(server.Token(Roles.Dispatcher, "anna"));
        await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = booking.VehicleId }, asAnna);
        var alert = (await control.ListAlertsAsync(new ListAlertsRequest(), asAnna)).Alerts.First(a => a.Kind == "duty_lost");
        Assert.Equal("", alert.AcknowledgedBy);
        server.Clock.Advance(TimeSpan.FromMinutes(2));

        var acked = await control.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = alert.AlertId, Note = "driver called" }, asAnna);
        Assert.Equal("anna", acked.AcknowledgedBy);
        Assert.Equal(server.Clock.GetUtcNow(), acked.AcknowledgedAt.ToDateTimeOffset());
        Assert.Equal("driver called", acked.AcknowledgementNote);
        // A second acknowledgement (another dispatcher) keeps the first one.
        var again = await control.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = alert.AlertId }, DispatchTestServer.As(server.Token(Roles.Dispatcher, "ben")));
        Assert.Equal("anna", again.AcknowledgedBy);
        var listed = (await control.ListAlertsAsync(new ListAlertsRequest(), asAnna)).Alerts.Single(a => a.AlertId == alert.AlertId);
        Assert.Equal("anna", listed.AcknowledgedBy);
        var unknown = await Scenario.FailsAsync(() => control.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = "nope" }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_with_a_reason_reaches_the_riders_watch()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var rider = Scenario.Rider(server);
        var booking = await Scenario.BookAsync(server, rider, "cx-1");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(rider, timeout.Token));
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(BookingStatus.Confirmed, watch.ResponseStream.Current.Booking.Status);

        var noReason = await Scenario.FailsAsync(() => Control(server).CancelBookingAsync(
            new DispatcherCancelBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Contains("reason", noReason.Status.Detail, StringComparison.Ordinal);
        var cancelled = await Control(server).CancelBookingAsync(
            new DispatcherCancelBookingRequest { BookingId = booking.BookingId, Reason = "road closed by flooding" }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);

        BookingUpdate update;
        do
        {
            Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
            update = watch.ResponseStream.Current;
        }
        while (update.Booking.Status != BookingStatus.Cancelled);
        Assert.Contains("road closed by flooding", update.Booking.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booking_moves_to_another_bus_only_when_every_promise_holds()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "mv-1");
        var control = Control(server);
        var asDispatcher = DispatchTestServer.As(Scenario.Dispatcher(server));
        string target = booking.VehicleId == "bus-1" ? "bus-2" : "bus-1";

        var moved = await control.MoveBookingAsync(new MoveBookingRequest { BookingId = booking.BookingId, VehicleId = target }, asDispatcher);
        Assert.Equal(target, moved.VehicleId);
        Assert.Equal(BookingStatus.Confirmed, moved.Status);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = target }, DispatchTestServer.As(Scenario.Dispatcher(server), timeout.Token));
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Contains(watch.ResponseStream.Current.Stops, s => s.Boarding.Any(b => b.BookingId == booking.BookingId));

        // A bus that has left service has no duty during the promise: refused, naming the promise.
        await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = booking.VehicleId }, asDispatcher);
        var refused = await Scenario.FailsAsync(() => control.MoveBookingAsync(
            new MoveBookingRequest { BookingId = booking.BookingId, VehicleId = booking.VehicleId }, asDispatcher).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("pickup", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(booking.VehicleId, refused.Status.Detail, StringComparison.Ordinal);
    }
}
