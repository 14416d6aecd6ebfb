using System.Net;
using System.Net.Sockets;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Security;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Two servers in cluster mode (each an Orleans silo, membership, reminders and area stores on PostgreSQL) on
/// loopback: a booking made through one is read and cancelled through the other, with area-scoped ids.
/// </summary>
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterModeTests
{
    [Fact]
    public void Cluster_mode_without_a_connection_string_names_the_setting()
    {
        var ex = Assert.ThrowsAny<Exception>(() => DispatchServerHost.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Enabled=true"]));
        Assert.Contains("Cluster:PostgresConnectionString", StartupFailure.Describe(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_mode_with_a_bad_area_names_it_before_touching_the_database()
    {
        // Unreachable port: the area is checked first, so the message is about the area, not the database.
        var ex = Assert.ThrowsAny<Exception>(() => DispatchServerHost.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Enabled=true",
            "--Cluster:PostgresConnectionString", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x",
            "--Cluster:Areas:1:Id", "East-1"]));
        Assert.Contains("East-1", StartupFailure.Describe(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_mode_with_a_bad_area_fleet_names_the_area_and_the_field()
    {
        var ex = Assert.ThrowsAny<Exception>(() => DispatchServerHost.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Enabled=true",
            "--Cluster:PostgresConnectionString", "Host=127.0.0.1;Port=1;Database=x;Username=x;Password=x",
            "--Cluster:Areas:0:Id", "west", "--Cluster:Areas:0:DestinationAreas:0", "east",
            "--Cluster:Areas:0:Boundary:0:0", "11.490", "--Cluster:Areas:0:Boundary:0:1", "49.977",
            "--Cluster:Areas:0:Boundary:1:0", "11.545", "--Cluster:Areas:0:Boundary:1:1", "49.977",
            "--Cluster:Areas:0:Boundary:2:0", "11.545", "--Cluster:Areas:0:Boundary:2:1", "50.043",
            "--Cluster:Areas:0:Fleet:Vehicles:0:Id", "bus-1", "--Cluster:Areas:0:Fleet:Vehicles:0:Seats", "0",
            "--Cluster:Areas:0:Fleet:Vehicles:0:DepotLat", "49.983", "--Cluster:Areas:0:Fleet:Vehicles:0:DepotLon", "11.585"]));
        string? message = StartupFailure.Describe(ex);
        // Seats out of range, and the depot (east of 11.545) outside the west area: both named with area and field.
        Assert.Contains("Cluster:Areas:0 (west):Fleet:Vehicles:0:Seats", message, StringComparison.Ordinal);
        Assert.Contains("outside service area 'west'", message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Booking_through_one_silo_is_read_and_cancelled_through_the_other()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cm" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            Assert.True(a.IsClusterMode && b.IsClusterMode, "both servers must run as silos");
            var now = DateTimeOffset.UtcNow;
            var dispatcher = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);

            var vehicle = await a.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
            {
                VehicleId = "east.bus-9",
                Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
                Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
                Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(8)) },
            }, dispatcher);
            Assert.Equal("east.bus-9", vehicle.VehicleId);
            await b.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "east.bus-9" }, dispatcher);

            // East (Bindlach) to west (Neudrossenfeld): the east area allows it, so the east grain quotes.
            var rider = DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token);
            var quote = await a.Booking.RequestQuoteAsync(new RequestQuoteRequest
            {
                Origin = new Location { Point = Scenario.Origin },
                Destination = new Location { Point = Scenario.Destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30)),
                Passengers = 1,
                IdempotencyKey = "q1",
            }, rider);
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
            Assert.StartsWith("east.", quote.Offer.OfferId, StringComparison.Ordinal);
            var booking = await a.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c1" }, rider);
            Assert.StartsWith("east.", booking.BookingId, StringComparison.Ordinal);

            var riderOnB = DispatchTestServer.As(b.Token(Roles.Rider, "alice"), timeout.Token);
            var read = await b.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, riderOnB);
            Assert.Equal(booking.BookingId, read.BookingId);
            Assert.Equal(BookingStatus.Confirmed, read.Status);
            Assert.Equal(booking.PromisedPickup, read.PromisedPickup);

            var cancelled = await b.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId }, riderOnB);
            Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
            Assert.Equal(BookingStatus.Cancelled, (await a.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, rider)).Status);

            // A trip starting outside every area, and an id naming no area, are refused with the field named.
            var outside = await Assert.ThrowsAsync<RpcException>(() => b.Booking.RequestQuoteAsync(new RequestQuoteRequest
            {
                Origin = new Location { Point = new GeoPoint { Lat = 50.2, Lon = 11.8 } },
                Destination = new Location { Point = Scenario.Destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30)),
                Passengers = 1,
                IdempotencyKey = "q2",
            }, riderOnB).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, outside.StatusCode);
            Assert.Contains("origin", outside.Status.Detail, StringComparison.Ordinal);
            var unscoped = await Assert.ThrowsAsync<RpcException>(() =>
                b.Booking.GetBookingAsync(new GetBookingRequest { BookingId = "bk-1" }, riderOnB).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, unscoped.StatusCode);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task A_planner_job_submitted_through_one_silo_runs_on_Hangfire_in_PostgreSQL_and_is_read_through_the_other()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cm" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            var planner = DispatchTestServer.As(a.Token(Roles.Planner, "pia"), timeout.Token);
            var job = await a.Planner.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = Planner.PlannerScenarios.Tiny() }, planner);

            PlannerJob last = job;
            using (var watch = b.Planner.WatchJob(new GetPlannerJobRequest { JobId = job.JobId }, planner.WithDeadline(DateTime.UtcNow.AddSeconds(90))))
                await foreach (var seen in watch.ResponseStream.ReadAllAsync(timeout.Token)) last = seen;
            Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}");
            Assert.Contains(last.Files, f => f.Name == "report.html");

            // The queue is Hangfire's PostgreSQL storage in the configured schema.
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {id}_hangfire.job", connection);
            Assert.Equal(1L, (long)(await count.ExecuteScalarAsync(timeout.Token))!);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }
}
