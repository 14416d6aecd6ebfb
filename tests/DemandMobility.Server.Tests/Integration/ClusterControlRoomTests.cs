using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Dashboard;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// The control room, places, journeys and learned-time reset in cluster mode, against two servers (two silos,
/// PostgreSQL membership and area stores): the console's snapshot and push feed on one silo show what was booked
/// through the other, merged over both areas with area-scoped ids; a journey's on-demand leg is booked in the area of
/// its origin.
/// </summary>
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterControlRoomTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [PostgresFact]
    public async Task The_console_feed_of_one_silo_merges_both_areas_and_pushes_what_the_other_silo_books()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cc" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            var now = DateTimeOffset.UtcNow;
            var dispatcher = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAsync(a, "east.bus-c", 49.983, 11.585, now.AddMinutes(-10), now.AddHours(8), dispatcher);
            await a.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "east.bus-c" }, dispatcher);
            await RegisterAsync(a, "west.bus-w", 50.010, 11.515, now.AddHours(20), now.AddHours(26), dispatcher);
            var rider = DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token);
            var first = await BookAsync(a, rider, now, "k1");
            // After the east bus's shift: no vehicle can take it, a rejection the console alerts about (region-wide).
            var refused = await a.Booking.RequestQuoteAsync(new RequestQuoteRequest
            {
                Origin = new Location { Point = Scenario.Origin },
                Destination = new Location { Point = Scenario.Destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddHours(10)),
                Passengers = 1,
                IdempotencyKey = "k0",
            }, rider);
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Rejection, refused.ResultCase);

            using var http = new HttpClient { BaseAddress = new Uri(DashboardAddress(b)), Timeout = TimeSpan.FromSeconds(60) };
            string consoleToken = b.Token(Roles.Dispatcher, "control");

            // The snapshot of silo b: both areas' vehicles and the booking made through silo a, area-scoped.
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/snapshot"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", consoleToken);
                using var response = await http.SendAsync(request, timeout.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var snapshot = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                var vehicles = snapshot.RootElement.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
                Assert.Contains("east.bus-c", vehicles);
                Assert.Contains("west.bus-w", vehicles);
                Assert.Contains(snapshot.RootElement.GetProperty("bookings").EnumerateArray(),
                    x => x.GetProperty("id").GetString() == first.BookingId && x.GetProperty("status").GetString() == "confirmed");
                Assert.True(snapshot.RootElement.GetProperty("kpis").GetProperty("vehiclesInService").GetInt32() >= 1);
                // The rejected quote is a computed alert of the whole region, acknowledged through silo b's gRPC.
                var rejected = snapshot.RootElement.GetProperty("alerts").EnumerateArray().First(x => x.GetProperty("kind").GetString() == "rejected");
                var acknowledged = await b.Dispatcher.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = rejected.GetProperty("id").GetString(), Note = "no bus left" },
                    DispatchTestServer.As(consoleToken, timeout.Token));
                Assert.Equal(rejected.GetProperty("id").GetString(), acknowledged.AlertId);
            }
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/alerts"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", consoleToken);
                using var response = await http.SendAsync(request, timeout.Token);
                using var alerts = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
                Assert.Contains(alerts.RootElement.EnumerateArray(), x => x.GetProperty("kind").GetString() == "rejected"
                    && x.TryGetProperty("acknowledgedBy", out var by) && by.GetString() == "control");
            }

            // The push feed: a snapshot, then a delta with the next booking made through silo a.
            string lastEventId, secondId;
            System.Text.Json.Nodes.JsonObject? state;
            await using (var events = await DashboardStreamTests.SnapshotEvents.OpenAsync(http, consoleToken, timeout.Token))
            {
                var shown = await events.NextAsync(timeout.Token);
                Assert.Equal("snapshot", events.Kind);
                Assert.Contains(shown.GetProperty("bookings").EnumerateArray(), x => x.GetProperty("id").GetString() == first.BookingId);
                var second = await BookAsync(a, rider, now, "k2");
                shown = await events.UntilAsync(s => s.GetProperty("bookings").EnumerateArray().Any(x => x.GetProperty("id").GetString() == second.BookingId), timeout.Token);
                Assert.Equal("delta", events.Kind);
                Assert.StartsWith("east.", second.BookingId, StringComparison.Ordinal);
                (lastEventId, state, secondId) = (events.LastEventId!, events.State, second.BookingId);

                // Resumed with Last-Event-ID: the change made meanwhile (a cancellation through silo a) comes as a delta.
                await a.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = second.BookingId }, rider);
            }
            await using (var resumed = await DashboardStreamTests.SnapshotEvents.OpenAsync(http, consoleToken, timeout.Token, lastEventId, state))
            {
                await resumed.UntilAsync(s => s.GetProperty("bookings").EnumerateArray()
                    .Any(x => x.GetProperty("id").GetString() == secondId && x.GetProperty("status").GetString() == "cancelled"), timeout.Token);
                Assert.Equal("delta", resumed.Kind);
            }
            // An id of another feed (another silo, a restart) gets a snapshot.
            await using (var foreign = await DashboardStreamTests.SnapshotEvents.OpenAsync(http, consoleToken, timeout.Token, "0123456789abcdef.3"))
            {
                await foreign.NextAsync(timeout.Token);
                Assert.Equal("snapshot", foreign.Kind);
            }

            // The console page and the rider app are served on the silo's dashboard address.
            using (var page = await http.GetAsync("/dashboard/", timeout.Token)) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            using (var app = await http.GetAsync("/app/", timeout.Token)) Assert.Equal(HttpStatusCode.OK, app.StatusCode);
            // Replay folds every area's log: now both areas' buses and the bookings (area-scoped), before the test nothing.
            using (var replay = await GetJsonAsync(http, consoleToken, "/dashboard/api/replay?at=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O")), timeout.Token))
            {
                var root = replay.RootElement;
                var ids = root.GetProperty("vehicles").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
                Assert.Contains("east.bus-c", ids);
                Assert.Contains("west.bus-w", ids);
                Assert.Contains(root.GetProperty("bookings").EnumerateArray(), x => x.GetProperty("id").GetString() == first.BookingId
                    && x.GetProperty("vehicleId").GetString() == "east.bus-c");
                Assert.Contains(root.GetProperty("bookings").EnumerateArray(), x => x.GetProperty("id").GetString() == secondId && x.GetProperty("status").GetString() == "cancelled");
                Assert.True(root.GetProperty("sequence").GetInt64() > 0 && root.GetProperty("sequence").GetInt64() <= root.GetProperty("logSequence").GetInt64());
            }
            using (var before = await GetJsonAsync(http, consoleToken, "/dashboard/api/replay?at=" + Uri.EscapeDataString(now.AddMinutes(-1).ToString("O")), timeout.Token))
            {
                Assert.Empty(before.RootElement.GetProperty("vehicles").EnumerateArray());
                Assert.Empty(before.RootElement.GetProperty("bookings").EnumerateArray());
            }
            // By sequence: refused with the reason (one log per area), not a server error.
            using (var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/replay?sequence=3&at=" + Uri.EscapeDataString(now.ToString("O"))))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", consoleToken);
                using var replay = await http.SendAsync(request, timeout.Token);
                Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
                Assert.Contains("by time only", await replay.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
            }
            // The snapshot carries the areas' outlines from Cluster:Areas for the map.
            using (var snapshot = await GetJsonAsync(http, consoleToken, "/dashboard/api/snapshot", timeout.Token))
            {
                var areas = snapshot.RootElement.GetProperty("areas").EnumerateArray().ToList();
                Assert.Equal(["west", "east"], areas.Select(x => x.GetProperty("id").GetString()));
                Assert.Equal(4, areas[1].GetProperty("outline").GetArrayLength());
                Assert.Equal(49.977, areas[1].GetProperty("outline")[0][0].GetDouble(), 6);
                Assert.Equal(11.545, areas[1].GetProperty("outline")[0][1].GetDouble(), 6);
            }
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task An_area_moved_to_another_silo_keeps_delivering_its_changes_and_a_resumed_feed_gets_what_it_missed()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cm" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            var now = DateTimeOffset.UtcNow;
            var dispatcher = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAsync(a, "east.bus-c", 49.983, 11.585, now.AddMinutes(-10), now.AddHours(8), dispatcher);
            await a.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "east.bus-c" }, dispatcher);
            await RegisterAsync(a, "west.bus-w", 50.010, 11.515, now.AddHours(20), now.AddHours(26), dispatcher);
            var rider = DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token);
            var first = await BookAsync(a, rider, now, "m1");

            using var http = new HttpClient { BaseAddress = new Uri(DashboardAddress(b)), Timeout = TimeSpan.FromSeconds(60) };
            string consoleToken = b.Token(Roles.Dispatcher, "control");
            string lastEventId;
            System.Text.Json.Nodes.JsonObject? state;
            await using (var events = await DashboardStreamTests.SnapshotEvents.OpenAsync(http, consoleToken, timeout.Token))
            {
                var shown = await events.NextAsync(timeout.Token);
                Assert.Contains(shown.GetProperty("bookings").EnumerateArray(), x => x.GetProperty("id").GetString() == first.BookingId);
                (lastEventId, state) = (events.LastEventId!, events.State);
            }

            // The east area moves to the other silo (grain migration): its new activation's journal starts again.
            var router = b.Services.GetRequiredService<ServiceAreaRouter>();
            var from = (await router.Area("east").DescribeAsync().WaitAsync(timeout.Token)).Silo;
            var target = new[] { a, b }.Select(n => n.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress).First(s => s.ToString() != from);
            await router.Area("east").MoveToAsync(target).WaitAsync(timeout.Token);
            while ((await router.Area("east").DescribeAsync().WaitAsync(timeout.Token)).Silo != target.ToString())
                await Task.Delay(100, timeout.Token);

            // Meanwhile, with no console open: a booking through silo a and a cancellation through silo b.
            var second = await BookAsync(a, rider, now, "m2");
            await b.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = first.BookingId }, DispatchTestServer.As(b.Token(Roles.Rider, "alice"), timeout.Token));

            // Resumed with Last-Event-ID: both come as deltas (the moved area read again alone), then a live change too.
            await using (var resumed = await DashboardStreamTests.SnapshotEvents.OpenAsync(http, consoleToken, timeout.Token, lastEventId, state))
            {
                await resumed.UntilAsync(s => s.GetProperty("bookings").EnumerateArray().Any(x => x.GetProperty("id").GetString() == second.BookingId)
                    && s.GetProperty("bookings").EnumerateArray().Any(x => x.GetProperty("id").GetString() == first.BookingId && x.GetProperty("status").GetString() == "cancelled"),
                    timeout.Token);
                Assert.Equal("delta", resumed.Kind);
                var third = await BookAsync(b, DispatchTestServer.As(b.Token(Roles.Rider, "bob"), timeout.Token), now, "m3");
                await resumed.UntilAsync(s => s.GetProperty("bookings").EnumerateArray().Any(x => x.GetProperty("id").GetString() == third.BookingId), timeout.Token);
                Assert.Equal("delta", resumed.Kind);
                Assert.StartsWith("east.", third.BookingId, StringComparison.Ordinal);
            }
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task Journeys_book_the_feeder_in_the_area_of_its_origin_places_search_the_region_and_reset_reaches_every_area()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cj" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            using var channel = GrpcChannel.ForAddress(RpcAddress(b));
            var journeys = new JourneyService.JourneyServiceClient(channel);
            var places = new PlaceService.PlaceServiceClient(channel);

            // Tomorrow 07:00 in the region (trains run hourly); a west bus on duty 06:00–12:00 then.
            var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).Date.AddDays(1);
            var leaveAt = new DateTimeOffset(tomorrow.AddHours(7), Berlin.GetUtcOffset(tomorrow.AddHours(7)));
            var dispatcher = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);
            await RegisterAsync(a, "west.bus-j", 50.010, 11.515, leaveAt.AddHours(-1), leaveAt.AddHours(5), dispatcher);

            // A village in the west area to Bayreuth (outside every area, by train): the feeder goes to the west area.
            var alice = DispatchTestServer.As(b.Token(Roles.Rider, "alice"), timeout.Token);
            var plan = await journeys.PlanJourneyAsync(new PlanJourneyRequest
            {
                From = new GeoPoint { Lat = 50.0136, Lon = 11.5120 },
                To = new GeoPoint { Lat = 49.9480, Lon = 11.5760 },
                Time = Timestamp.FromDateTimeOffset(leaveAt),
            }, alice);
            var itinerary = plan.Itineraries.FirstOrDefault(i => i.Legs.Any(l => l.Mode == LegMode.OnDemand) && i.Legs.Any(l => l.Mode == LegMode.Rail));
            Assert.True(itinerary is not null, "no on-demand → rail itinerary; notes: " + string.Join("; ", plan.Notes));
            var feeder = itinerary.Legs.First(l => l.Mode == LegMode.OnDemand);
            Assert.StartsWith("west.", feeder.OfferId, StringComparison.Ordinal);
            Assert.True(feeder.Arrival.ToDateTimeOffset() <= feeder.LatestDropoff.ToDateTimeOffset());
            var confirmed = await journeys.ConfirmJourneyAsync(new ConfirmJourneyRequest { ItineraryId = itinerary.ItineraryId }, alice);
            var bookingId = Assert.Single(confirmed.BookingIds);
            Assert.StartsWith("west.", bookingId, StringComparison.Ordinal);
            // Booked in the west area's engine: read through the other silo.
            var booking = await a.Booking.GetBookingAsync(new GetBookingRequest { BookingId = bookingId }, DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token));
            Assert.Equal(BookingStatus.Confirmed, booking.Status);
            Assert.Equal("west.bus-j", booking.VehicleId);

            // Places: the region's names, whatever area they lie in.
            var found = await places.SearchPlacesAsync(new SearchPlacesRequest { Query = "Bindlach" }, alice);
            Assert.Contains(found.Places, p => p.Label.Contains("Bindlach", StringComparison.Ordinal));

            // Reset of learned times reaches the areas' engines: they do not learn here, and say so naming the area.
            var reset = await Assert.ThrowsAsync<RpcException>(() =>
                a.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(), dispatcher).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, reset.StatusCode);
            Assert.Contains("Service area 'west'", reset.Status.Detail, StringComparison.Ordinal);
            var byRider = await Assert.ThrowsAsync<RpcException>(() =>
                a.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(), DispatchTestServer.As(a.Token(Roles.Rider, "alice"), timeout.Token)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, byRider.StatusCode);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static Task<Vehicle> RegisterAsync(ClusterNode node, string vehicleId, double lat, double lon, DateTimeOffset start, DateTimeOffset end, CallOptions dispatcher) =>
        node.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
        {
            VehicleId = vehicleId,
            Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
            Depot = new GeoPoint { Lat = lat, Lon = lon },
            Shift = new Shift { Start = Timestamp.FromDateTimeOffset(start), End = Timestamp.FromDateTimeOffset(end) },
        }, dispatcher).ResponseAsync;

    private static async Task<DemandMobility.Contracts.V1.Booking> BookAsync(ClusterNode node, CallOptions rider, DateTimeOffset now, string key)
    {
        var quote = await node.Booking.RequestQuoteAsync(new RequestQuoteRequest
        {
            Origin = new Location { Point = Scenario.Origin },
            Destination = new Location { Point = Scenario.Destination },
            EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30)),
            Passengers = 1,
            IdempotencyKey = key,
        }, rider);
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
        return await node.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c" + key }, rider);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string token, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }

    private static string DashboardAddress(ClusterNode node) =>
        node.Services.GetRequiredService<BoundEndpoints>().DashboardAddress ?? throw new InvalidOperationException("The silo serves no dashboard.");

    private static string RpcAddress(ClusterNode node)
    {
        string dashboard = DashboardAddress(node);
        var addresses = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.Single(x => new Uri(x).Port != new Uri(dashboard).Port);
    }
}
