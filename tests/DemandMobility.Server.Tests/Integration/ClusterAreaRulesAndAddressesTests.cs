using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Cluster mode through real gRPC: a dispatch rule set for one service area only (<c>Cluster:Areas:i:Rules</c>), and
/// two silos on two addresses (127.0.0.1 and 127.0.0.2, as two machines would have) with the same ports.
/// </summary>
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterAreaRulesAndAddressesTests
{
    [PostgresFact]
    public async Task A_rule_set_for_the_west_area_refuses_there_what_the_east_area_accepts()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cr" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await using var node = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token,
                new Dictionary<string, string> { ["Cluster:Areas:0:Rules:MaxPassengersPerBooking"] = "2" });
            var now = DateTimeOffset.UtcNow;
            var dispatcher = DispatchTestServer.As(node.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAndStartAsync(node, "east.bus-1", dispatcher, now);
            var rider = DispatchTestServer.As(node.Token(Roles.Rider, "alice"), timeout.Token);

            // Three travellers from the east area (region rule: at most 8): an offer.
            var east = await node.Booking.RequestQuoteAsync(Quote(Scenario.Origin, Scenario.Destination, now, "east-3"), rider);
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, east.ResultCase);
            Assert.StartsWith("east.", east.Offer.OfferId, StringComparison.Ordinal);

            // The same group from the west area (its rule: at most 2): refused by the west engine, naming the field and the limit.
            var west = await Assert.ThrowsAsync<RpcException>(() =>
                node.Booking.RequestQuoteAsync(Quote(Scenario.Destination, Scenario.Origin, now, "west-3"), rider).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, west.StatusCode);
            Assert.Contains("passengers", west.Status.Detail, StringComparison.Ordinal);
            Assert.Contains("(2)", west.Status.Detail, StringComparison.Ordinal);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task Two_silos_on_two_addresses_with_the_same_ports_form_one_cluster()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "ca" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        string siloPort = FreePort(), gatewayPort = FreePort();
        Dictionary<string, string> On(string address) => new()
        {
            ["urls"] = $"http://{address}:0",
            ["Cluster:Silo:AdvertisedAddress"] = address,
            ["Cluster:SiloPort"] = siloPort,
            ["Cluster:GatewayPort"] = gatewayPort,
        };
        try
        {
            await using var first = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, On("127.0.0.1"));
            await using var second = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, On("127.0.0.2"));

            // Both addresses are in the membership table as active silos with the same port.
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync(timeout.Token);
                await using var command = new NpgsqlCommand(
                    "SELECT Address, Port FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3 ORDER BY Address", connection);
                command.Parameters.AddWithValue("id", id);
                var rows = new List<string>();
                await using (var reader = await command.ExecuteReaderAsync(timeout.Token))
                    while (await reader.ReadAsync(timeout.Token)) rows.Add($"{reader.GetString(0)}:{reader.GetInt32(1)}");
                Assert.Equal([$"127.0.0.1:{siloPort}", $"127.0.0.2:{siloPort}"], rows);
            }

            // A booking made through the silo on 127.0.0.2 is read through the one on 127.0.0.1 (whichever hosts the area).
            var now = DateTimeOffset.UtcNow;
            var dispatcher = DispatchTestServer.As(second.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAndStartAsync(second, "east.bus-2", dispatcher, now);
            var rider = DispatchTestServer.As(second.Token(Roles.Rider, "bob"), timeout.Token);
            var quote = await second.Booking.RequestQuoteAsync(Quote(Scenario.Origin, Scenario.Destination, now, "q"), rider);
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
            var booking = await second.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c" }, rider);
            var read = await first.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId },
                DispatchTestServer.As(first.Token(Roles.Rider, "bob"), timeout.Token));
            Assert.Equal(BookingStatus.Confirmed, read.Status);
            Assert.Equal(booking.PromisedPickup, read.PromisedPickup);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static async Task RegisterAndStartAsync(ClusterNode node, string vehicleId, CallOptions dispatcher, DateTimeOffset now)
    {
        await node.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
        {
            VehicleId = vehicleId,
            Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
            Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
            Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(8)) },
        }, dispatcher);
        await node.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = vehicleId }, dispatcher);
    }

    private static RequestQuoteRequest Quote(GeoPoint from, GeoPoint to, DateTimeOffset now, string key) => new()
    {
        Origin = new Location { Point = from },
        Destination = new Location { Point = to },
        EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30)),
        Passengers = 3,
        IdempotencyKey = key,
    };

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
