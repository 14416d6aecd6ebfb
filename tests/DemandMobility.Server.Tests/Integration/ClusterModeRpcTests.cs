using DemandMobility.Cluster.Grains;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// The driver, rider and dispatcher RPCs in cluster mode, through real gRPC against two servers (two silos,
/// PostgreSQL membership and area stores): every call works through either silo, ids stay area-scoped, and a
/// manifest watch survives its area moving to the other silo.
/// </summary>
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterModeRpcTests
{
    private const string Bus = "east.bus-9";

    [PostgresFact]
    public async Task Driver_rider_and_dispatcher_calls_reach_the_area_through_either_silo()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cr" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            var now = DateTimeOffset.UtcNow;
            var dispatcherA = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);
            var dispatcherB = DispatchTestServer.As(b.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAndStartAsync(a, b, now, timeout.Token);

            // Health: both silos are active members and the areas answer.
            foreach (var node in new[] { a, b })
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving,
                    (await node.Health.CheckAsync(new HealthCheckRequest(), DispatchTestServer.As(null, timeout.Token))).Status);

            // Driver: GPS fixes through a (one malformed, one far outside every area), manifest watched through b.
            var driverA = DispatchTestServer.As(a.Token(Roles.Driver, "d-9", Bus), timeout.Token);
            var driverB = DispatchTestServer.As(b.Token(Roles.Driver, "d-9", Bus), timeout.Token);
            using (var report = a.Fleet.ReportPositions(driverA))
            {
                PositionFix Fix(double lat, double lon, int secondsAgo) => new()
                {
                    VehicleId = Bus, Lat = lat, Lon = lon, HeadingDeg = 90, SpeedMps = 8,
                    RecordedAt = Timestamp.FromDateTimeOffset(now.AddSeconds(-secondsAgo)),
                };
                await report.RequestStream.WriteAsync(Fix(49.9840, 11.5840, 30), timeout.Token);
                await report.RequestStream.WriteAsync(Fix(49.9845, 11.5830, 10), timeout.Token);
                await report.RequestStream.WriteAsync(Fix(double.NaN, 11.5830, 5), timeout.Token);   // malformed
                await report.RequestStream.WriteAsync(Fix(48.1000, 11.5800, 5), timeout.Token);      // Munich
                await report.RequestStream.CompleteAsync();
                var summary = await report.ResponseAsync;
                Assert.Equal(2, summary.Accepted);
                Assert.Equal(2, summary.Rejected);
                Assert.Equal(now.AddSeconds(-10), summary.LastRecordedAt.ToDateTimeOffset());
            }
            using var manifests = b.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = Bus }, driverB);
            Assert.True(await manifests.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(Bus, manifests.ResponseStream.Current.VehicleId);
            Assert.Empty(manifests.ResponseStream.Current.Stops);
            var otherVehicle = await Assert.ThrowsAsync<RpcException>(() =>
                b.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = "east.bus-1" }, driverB).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, otherVehicle.StatusCode);

            // Rider: a booking made through a appears on the manifest (area-scoped id) and is watched through b.
            var rider = DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token);
            var booking = await BookAsync(a, rider, now, "k1");
            Assert.True(await manifests.ResponseStream.MoveNext(timeout.Token));
            var planned = manifests.ResponseStream.Current;
            var pickup = Assert.Single(planned.Stops, s => s.Boarding.Any(p => p.BookingId == booking.BookingId));
            using var watch = b.Booking.WatchBooking(new WatchBookingRequest { BookingId = booking.BookingId },
                DispatchTestServer.As(b.Token(Roles.Rider, "alice"), timeout.Token));
            Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal(BookingStatus.Confirmed, watch.ResponseStream.Current.Booking.Status);
            Assert.Equal(booking.BookingId, watch.ResponseStream.Current.Booking.BookingId);

            // Stop events through b: arrival at the pickup stop (subject found on the manifest), then boarding.
            var arrived = await b.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = Bus, Kind = StopEventKind.Arrived, StopId = pickup.Stop.StopId, EventId = "e1",
            }, driverB);
            Assert.True(arrived.ManifestVersion >= planned.Version);
            await b.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = Bus, Kind = StopEventKind.Boarded, BookingId = booking.BookingId, EventId = "e2",
            }, driverB);
            Assert.Equal(BookingStatus.OnBoard, await NextStatusAsync(watch, BookingStatus.OnBoard, timeout.Token));
            var foreign = await Assert.ThrowsAsync<RpcException>(() => b.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = Bus, Kind = StopEventKind.DroppedOff, BookingId = "west.bk-1", EventId = "e3",
            }, driverB).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, foreign.StatusCode);
            var onBoard = await Assert.ThrowsAsync<RpcException>(() =>
                a.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = Bus }, driverA).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, onBoard.StatusCode);
            await a.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = Bus, Kind = StopEventKind.DroppedOff, BookingId = booking.BookingId, EventId = "e4",
            }, driverA);
            Assert.Equal(BookingStatus.Completed, await NextStatusAsync(watch, BookingStatus.Completed, timeout.Token));
            Assert.False(await watch.ResponseStream.MoveNext(timeout.Token), "the watch ends with the trip");

            // Dispatcher: KPIs combined over both areas, the region's fleet stream with area-scoped vehicle ids.
            var kpis = await b.Monitor.GetKpisAsync(new GetKpisRequest
            {
                From = Timestamp.FromDateTimeOffset(now.AddHours(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(2)),
            }, dispatcherB);
            Assert.Equal(1, kpis.Served);
            using (var fleet = b.Monitor.WatchFleet(new WatchFleetRequest(), dispatcherB))
            {
                Assert.True(await fleet.ResponseStream.MoveNext(timeout.Token));
                Assert.Equal(Bus, fleet.ResponseStream.Current.Position.VehicleId);
            }
            var riderKpis = await Assert.ThrowsAsync<RpcException>(() => b.Monitor.GetKpisAsync(new GetKpisRequest
            {
                From = Timestamp.FromDateTimeOffset(now.AddHours(-1)), To = Timestamp.FromDateTimeOffset(now.AddHours(2)),
            }, DispatchTestServer.As(b.Token(Roles.Rider, "alice"), timeout.Token)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, riderKpis.StatusCode);

            // Parcels: submitted through a into the area of their pickup, read and cancelled through b.
            var shopA = DispatchTestServer.As(a.Token(Roles.Shop, "bakery"), timeout.Token);
            var shopB = DispatchTestServer.As(b.Token(Roles.Shop, "bakery"), timeout.Token);
            var submitted = await a.Parcels.SubmitParcelAsync(new SubmitParcelRequest
            {
                From = new Location { Point = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.9852, Lon = 11.5790 } },
                To = new Location { Point = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.9950, Lon = 11.5700 } },
                SizeUnits = 1,
                DeliveryWindow = new TimeWindow { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(20)), End = Timestamp.FromDateTimeOffset(now.AddHours(4)) },
                IdempotencyKey = "p1",
            }, shopA);
            Assert.Equal(SubmitParcelResponse.ResultOneofCase.Parcel, submitted.ResultCase);
            Assert.StartsWith("east.", submitted.Parcel.ParcelId, StringComparison.Ordinal);
            Assert.Equal(submitted.Parcel.ParcelId, (await b.Parcels.GetParcelAsync(new GetParcelRequest { ParcelId = submitted.Parcel.ParcelId }, shopB)).ParcelId);
            var cancelled = await b.Parcels.CancelParcelAsync(new CancelParcelRequest { ParcelId = submitted.Parcel.ParcelId }, shopB);
            Assert.Equal(ParcelStatus.Cancelled, cancelled.Status);
            var otherShop = await Assert.ThrowsAsync<RpcException>(() => b.Parcels.GetParcelAsync(new GetParcelRequest { ParcelId = submitted.Parcel.ParcelId },
                DispatchTestServer.As(b.Token(Roles.Shop, "butcher"), timeout.Token)).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, otherShop.StatusCode);

            var ended = await b.Fleet.EndShiftAsync(new EndShiftRequest { VehicleId = Bus }, driverB);
            Assert.Equal(VehicleStatus.OffShift, ended.Status);
            Assert.Equal(Bus, ended.VehicleId);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task A_manifest_watch_follows_its_area_when_the_hosting_silo_stops()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cr" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            var now = DateTimeOffset.UtcNow;
            await RegisterAndStartAsync(a, b, now, timeout.Token);
            var rider = DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token);
            var booking = await BookAsync(a, rider, now, "k1");

            // The watch goes through the silo that does NOT host the east area; then the host stops.
            var activation = await a.Services.GetRequiredService<IGrainFactory>().GetGrain<IServiceAreaGrain>("east").DescribeAsync();
            var host = activation.Silo == SiloOf(a) ? a : b;
            var other = host == a ? b : a;
            using var manifests = other.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = Bus },
                DispatchTestServer.As(other.Token(Roles.Driver, "d-9", Bus), timeout.Token));
            Assert.True(await manifests.ResponseStream.MoveNext(timeout.Token));
            Assert.Contains(manifests.ResponseStream.Current.Stops, s => s.Boarding.Any(p => p.BookingId == booking.BookingId));
            await host.StopAsync();

            // The area re-activates on the remaining silo from PostgreSQL; the open stream carries on with it.
            var riderOther = DispatchTestServer.As(other.Token(Roles.Rider, "alice"), timeout.Token);
            var cancelled = await other.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId }, riderOther);
            Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
            Manifest last;
            do
            {
                Assert.True(await manifests.ResponseStream.MoveNext(timeout.Token), "the manifest stream ended instead of following its area");
                last = manifests.ResponseStream.Current;
            }
            while (last.Stops.Any(s => s.Boarding.Any(p => p.BookingId == booking.BookingId)));
            Assert.Equal(SiloOf(other), (await other.Services.GetRequiredService<IGrainFactory>().GetGrain<IServiceAreaGrain>("east").DescribeAsync()).Silo);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task An_areas_configured_fleet_is_registered_on_activation_and_control_room_actions_route_by_id()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cr" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var fleet = new Dictionary<string, string>
        {
            ["Cluster:Areas:1:Fleet:Vehicles:0:Id"] = "bus-1",
            ["Cluster:Areas:1:Fleet:Vehicles:0:Seats"] = "8",
            ["Cluster:Areas:1:Fleet:Vehicles:0:DepotLat"] = "49.983",
            ["Cluster:Areas:1:Fleet:Vehicles:0:DepotLon"] = "11.585",
        };
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, fleet);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, fleet);
            var now = DateTimeOffset.UtcNow;
            var dispatcherB = DispatchTestServer.As(b.Token(Roles.Dispatcher, "ops"), timeout.Token);

            // The configured vehicle exists as soon as the east area has activated, under its area-scoped id.
            using (var watch = b.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "east.bus-1" } }, dispatcherB))
            {
                Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
                Assert.Equal("east.bus-1", watch.ResponseStream.Current.Position.VehicleId);
            }
            var duplicate = await Assert.ThrowsAsync<RpcException>(() => a.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
            {
                VehicleId = "east.bus-1", Capacity = new Capacity { Seats = 4 }, Depot = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.983, Lon = 11.585 },
            }, DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token)).ResponseAsync);
            Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);

            // Control room: actions go to the area the id names; a vehicle of another area is refused.
            await RegisterAndStartAsync(a, b, now, timeout.Token);
            var booking = await BookAsync(a, DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token), now, "k1");
            var elsewhere = await Assert.ThrowsAsync<RpcException>(() => b.Dispatcher.MoveBookingAsync(
                new MoveBookingRequest { BookingId = booking.BookingId, VehicleId = "west.bus-1" }, dispatcherB).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, elsewhere.StatusCode);
            var extended = await b.Dispatcher.ExtendShiftAsync(new ExtendShiftRequest { VehicleId = Bus, Until = Timestamp.FromDateTimeOffset(now.AddHours(9)) }, dispatcherB);
            Assert.Equal(Bus, extended.VehicleId);
            var cancelled = await b.Dispatcher.CancelBookingAsync(new DispatcherCancelBookingRequest { BookingId = booking.BookingId, Reason = "road closed" }, dispatcherB);
            Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
            Assert.Contains("road closed", cancelled.Notice, StringComparison.Ordinal);
            var breakdown = await a.Dispatcher.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = Bus },
                DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token));
            Assert.Equal(Bus, breakdown.Vehicle.VehicleId);
            Assert.NotEqual(VehicleStatus.InService, breakdown.Vehicle.Status);
            // An ad-hoc vehicle goes to the area its id names and takes over at once; a depot in another area is refused.
            var eastDepot = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.983, Lon = 11.585 };
            var adHoc = await b.Dispatcher.AddAdHocVehicleAsync(new AddAdHocVehicleRequest
            {
                VehicleId = "east.spare-1", Capacity = new Capacity { Seats = 6 }, Depot = eastDepot, Until = Timestamp.FromDateTimeOffset(now.AddHours(4)),
            }, dispatcherB);
            Assert.Equal("east.spare-1", adHoc.VehicleId);
            Assert.Equal(VehicleStatus.InService, adHoc.Status);
            var wrongArea = await Assert.ThrowsAsync<RpcException>(() => b.Dispatcher.AddAdHocVehicleAsync(new AddAdHocVehicleRequest
            {
                VehicleId = "west.spare-2", Capacity = new Capacity { Seats = 6 }, Depot = eastDepot, Until = Timestamp.FromDateTimeOffset(now.AddHours(4)),
            }, dispatcherB).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, wrongArea.StatusCode);
            Assert.Contains("depot", wrongArea.Status.Detail, StringComparison.Ordinal);
            var alerts = await b.Dispatcher.ListAlertsAsync(new ListAlertsRequest { Since = Timestamp.FromDateTimeOffset(now.AddHours(-1)) }, dispatcherB);
            Assert.All(alerts.Alerts, alert => Assert.Matches("^(east|west)\\.", alert.AlertId));
            var unknown = await Assert.ThrowsAsync<RpcException>(() => b.Dispatcher.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = "east.no-such-alert" }, dispatcherB).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static string SiloOf(ClusterNode node) => node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    private static async Task RegisterAndStartAsync(ClusterNode a, ClusterNode b, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dispatcher = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), cancellationToken);
        await a.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
        {
            VehicleId = Bus,
            Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
            Depot = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.983, Lon = 11.585 },
            Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(8)) },
        }, dispatcher);
        await b.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = Bus },
            DispatchTestServer.As(b.Token(Roles.Driver, "d-9", Bus), cancellationToken));
    }

    private static async Task<DemandMobility.Contracts.V1.Booking> BookAsync(ClusterNode node, CallOptions rider, DateTimeOffset now, string key)
    {
        var quote = await node.Booking.RequestQuoteAsync(new RequestQuoteRequest
        {
            Origin = new Location { Point = Scenario.Origin },
            Destination = new Location { Point = Scenario.Destination },
            EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(5)),
            Passengers = 1,
            IdempotencyKey = "q-" + key,
        }, rider);
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
        return await node.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c-" + key }, rider);
    }

    private static async Task<BookingStatus> NextStatusAsync(AsyncServerStreamingCall<BookingUpdate> watch, BookingStatus wanted, CancellationToken cancellationToken)
    {
        while (await watch.ResponseStream.MoveNext(cancellationToken))
            if (watch.ResponseStream.Current.Booking.Status == wanted) return wanted;
        return watch.ResponseStream.Current.Booking.Status;
    }
}
