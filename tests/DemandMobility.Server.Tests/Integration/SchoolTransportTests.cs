using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>School transport over gRPC: a school's own bus (service group), pupils with ride-time limits.</summary>
public sealed class SchoolTransportTests
{
    private static RegisterVehicleRequest SchoolBus(DispatchTestServer server) => new()
    {
        VehicleId = "school-a-bus",
        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1 },
        Depot = Scenario.Destination.Clone(),
        Shift = new Shift
        {
            Start = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddMinutes(-10)),
            End = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(6)),
        },
        ServiceGroup = "school-a",
    };

    private static RequestQuoteRequest PupilTrip(DispatchTestServer server, string key, string group, Duration? maxRide) => new()
    {
        Origin = new Location { Point = Scenario.Origin },
        Destination = new Location { Point = Scenario.Destination },
        LatestArrival = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddHours(2)),
        Passengers = 1,
        IdempotencyKey = key,
        RiderKind = RiderKind.Pupil,
        MaxRideTime = maxRide,
        ServiceGroup = group,
    };

    [Fact]
    public async Task A_pupil_booked_for_a_school_rides_that_schools_bus()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var dispatcher = DispatchTestServer.As(Scenario.Dispatcher(server));

        var bus = await server.Fleet.RegisterVehicleAsync(SchoolBus(server), dispatcher);
        Assert.Equal("school-a", bus.ServiceGroup);
        await server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "school-a-bus" }, dispatcher);

        // The default fleet's buses stand nearer the pupil's home; only the school's bus may carry the pupil.
        var quote = await server.Booking.RequestQuoteAsync(PupilTrip(server, "pupil-1", "school-a", Duration.FromTimeSpan(TimeSpan.FromMinutes(30))), dispatcher);
        Assert.True(quote.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, quote.ToString());
        var booking = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "pupil-1" }, dispatcher);

        Assert.Equal("school-a-bus", booking.VehicleId);
        Assert.True(quote.Offer.PredictedDropoff.ToDateTimeOffset() <= server.Clock.GetUtcNow().AddHours(2));
    }

    [Theory]
    [InlineData("bad group!", 30, "service_group")]
    [InlineData("no-such-school", 30, "service_group")]
    [InlineData("school-a", 0, "max_ride_time")]
    [InlineData("school-a", 600, "max_ride_time")]
    [InlineData("school-a", 2, "max_ride_time")]
    public async Task Bad_school_fields_are_rejected_naming_the_field(string group, int maxRideMinutes, string field)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var dispatcher = DispatchTestServer.As(Scenario.Dispatcher(server));
        await server.Fleet.RegisterVehicleAsync(SchoolBus(server), dispatcher);

        var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(PupilTrip(server, "k", group, Duration.FromTimeSpan(TimeSpan.FromMinutes(maxRideMinutes))), dispatcher).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_depot_off_the_road_network_is_rejected()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var request = SchoolBus(server);
        request.Depot = new GeoPoint { Lat = 50.0100, Lon = 11.5300 }; // fields, no drivable road within 500 m

        var error = await Scenario.FailsAsync(() => server.Fleet.RegisterVehicleAsync(request,
            DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("depot", error.Status.Detail, StringComparison.Ordinal);
    }
}
