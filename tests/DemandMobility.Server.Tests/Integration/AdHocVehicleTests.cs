using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>DispatcherService.AddAdHocVehicle through real gRPC on loopback.</summary>
public sealed class AdHocVehicleTests
{
    [Fact]
    public async Task An_ad_hoc_vehicle_is_in_service_at_once_and_takes_a_booking()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var control = new DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient(server.Channel);
        var asAnna = DispatchTestServer.As(server.Token(Roles.Dispatcher, "anna"));
        foreach (string bus in new[] { "bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6" })
            await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = bus }, asAnna);
        var until = server.Clock.GetUtcNow().AddHours(3);

        var vehicle = await control.AddAdHocVehicleAsync(new AddAdHocVehicleRequest
        {
            VehicleId = "taxi-7", Capacity = new Capacity { Seats = 4 }, Depot = Scenario.Origin, Until = Timestamp.FromDateTimeOffset(until), DisplayName = "BT-DM 107",
        }, asAnna);

        Assert.Equal((VehicleStatus.InService, "BT-DM 107"), (vehicle.Status, vehicle.DisplayName));
        Assert.Equal(until, vehicle.Shift.End.ToDateTimeOffset());
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "adhoc-1");
        Assert.Equal("taxi-7", booking.VehicleId);

        var twice = await Scenario.FailsAsync(() => control.AddAdHocVehicleAsync(new AddAdHocVehicleRequest
        {
            VehicleId = "taxi-7", Capacity = new Capacity { Seats = 4 }, Depot = Scenario.Origin, Until = Timestamp.FromDateTimeOffset(until),
        }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, twice.StatusCode);
    }

    [Fact]
    public async Task Bad_ad_hoc_vehicles_are_refused_naming_the_field_and_riders_may_not_add_any()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var control = new DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient(server.Channel);
        var asAnna = DispatchTestServer.As(server.Token(Roles.Dispatcher, "anna"));
        var now = server.Clock.GetUtcNow();
        AddAdHocVehicleRequest Good() => new()
        {
            VehicleId = "taxi-8", Capacity = new Capacity { Seats = 4 }, Depot = Scenario.Origin, Until = Timestamp.FromDateTimeOffset(now.AddHours(2)),
        };

        var noUntil = Good(); noUntil.Until = null;
        var past = Good(); past.Until = Timestamp.FromDateTimeOffset(now.AddMinutes(-1));
        var outside = Good(); outside.Depot = new GeoPoint { Lat = 49.5, Lon = 11.0 };
        var noSeats = Good(); noSeats.Capacity.Seats = 0;
        var badId = Good(); badId.VehicleId = "taxi 8!";
        foreach (var (request, field) in new[] { (noUntil, "until"), (past, "until"), (outside, "depot"), (noSeats, "capacity.seats"), (badId, "vehicle_id") })
        {
            var refused = await Scenario.FailsAsync(() => control.AddAdHocVehicleAsync(request, asAnna).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains(field, refused.Status.Detail, StringComparison.Ordinal);
        }
        var rider = await Scenario.FailsAsync(() => control.AddAdHocVehicleAsync(Good(), DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, rider.StatusCode);
        // Nothing was registered by the refused calls.
        var unknown = await Scenario.FailsAsync(() => server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "taxi-8" }, asAnna).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
