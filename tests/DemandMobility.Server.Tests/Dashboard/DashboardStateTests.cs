using System.Net;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The JSON API against state made through the real gRPC services.</summary>
public sealed class DashboardStateTests
{
    [Fact]
    public async Task Fleet_bookings_kpis_and_alerts_reflect_the_dispatch_state()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server, "alice"), "dash-1");
        // 03:00 local the next night: no shift runs, so the quote is rejected (and logged as such).
        var night = Scenario.Quote(server, "dash-night");
        night.EarliestDeparture = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 6, 5, 1, 0, 0, TimeSpan.Zero));
        var rejected = await server.Booking.RequestQuoteAsync(night, DispatchTestServer.As(Scenario.Rider(server, "bob")));
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Rejection, rejected.ResultCase);
        // Starting a shift puts a vehicle at its depot as its last known position; 3 minutes later that is stale,
        // except for bus-1, which reports a GPS fix then.
        var atStart = await host.GetJsonAsync("/dashboard/api/alerts");
        Assert.DoesNotContain(atStart.EnumerateArray(), a => a.GetProperty("kind").GetString() == "no-fix");
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        using (var report = server.Fleet.ReportPositions(DispatchTestServer.As(server.Token(Roles.Driver, "d1", "bus-1"))))
        {
            await report.RequestStream.WriteAsync(new PositionFix
            {
                VehicleId = "bus-1", Lat = 49.9840, Lon = 11.5840, RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()),
            });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }

        var snapshot = await host.GetJsonAsync("/dashboard/api/snapshot");
        Assert.Equal(server.Clock.GetUtcNow(), snapshot.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("Europe/Berlin", snapshot.GetProperty("timeZone").GetString());

        var fleet = await host.GetJsonAsync("/dashboard/api/fleet");
        Assert.Equal(["bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6"], fleet.EnumerateArray().Select(v => v.GetProperty("id").GetString()).Order());
        var serving = fleet.EnumerateArray().Single(v => v.GetProperty("id").GetString() == booking.VehicleId);
        Assert.Equal("busy", serving.GetProperty("state").GetString());
        Assert.Contains(serving.GetProperty("nextStops").EnumerateArray(),
            s => s.GetProperty("board").EnumerateArray().Any(e => e.GetProperty("id").GetString() == booking.BookingId));
        Assert.All(fleet.EnumerateArray().Where(v => v.GetProperty("id").GetString() != booking.VehicleId),
            v => Assert.Equal("idle", v.GetProperty("state").GetString()));
        var bus1 = fleet.EnumerateArray().Single(v => v.GetProperty("id").GetString() == "bus-1");
        Assert.Equal(49.9840, bus1.GetProperty("lat").GetDouble(), 6);
        Assert.False(bus1.GetProperty("fixStale").GetBoolean());
        Assert.Equal(8, bus1.GetProperty("occupancy").GetProperty("seatsCapacity").GetInt32());

        var bookings = await host.GetJsonAsync("/dashboard/api/bookings");
        var card = Assert.Single(bookings.EnumerateArray());
        Assert.Equal(booking.BookingId, card.GetProperty("id").GetString());
        Assert.Equal("confirmed", card.GetProperty("status").GetString());
        Assert.Equal("alice", card.GetProperty("riderId").GetString());
        Assert.Equal(booking.VehicleId, card.GetProperty("vehicleId").GetString());
        // The offer's virtual stops lie within walking distance (400 m) of the requested points.
        Assert.InRange(card.GetProperty("pickupLat").GetDouble(), Scenario.Origin.Lat - 0.005, Scenario.Origin.Lat + 0.005);
        Assert.InRange(card.GetProperty("dropoffLon").GetDouble(), Scenario.Destination.Lon - 0.008, Scenario.Destination.Lon + 0.008);

        var kpis = await host.GetJsonAsync("/dashboard/api/kpis");
        Assert.Equal(6, kpis.GetProperty("vehiclesInService").GetInt32());
        Assert.Equal(1, kpis.GetProperty("vehiclesBusy").GetInt32());
        Assert.Equal(5, kpis.GetProperty("vehiclesWithoutFix").GetInt32());
        Assert.Equal(1, kpis.GetProperty("bookingsToday").GetProperty("confirmed").GetInt32());
        Assert.Equal(1, kpis.GetProperty("rejected").GetInt32());
        Assert.Equal(0, kpis.GetProperty("served").GetInt32());

        var alerts = (await host.GetJsonAsync("/dashboard/api/alerts")).EnumerateArray().ToList();
        var noFix = alerts.Where(a => a.GetProperty("kind").GetString() == "no-fix").Select(a => a.GetProperty("vehicleId").GetString()).Order();
        Assert.Equal(["bus-2", "bus-3", "bus-4", "bus-5", "bus-6"], noFix);
        Assert.Contains("1 quote was rejected", Assert.Single(alerts, a => a.GetProperty("kind").GetString() == "rejected").GetProperty("message").GetString());

        // Without new fixes, bus-1's position goes stale as the clock moves on.
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        var later = await host.GetJsonAsync("/dashboard/api/alerts");
        Assert.Contains(later.EnumerateArray(), a => a.GetProperty("kind").GetString() == "no-fix" && a.GetProperty("vehicleId").GetString() == "bus-1");

        var manifest = await host.GetJsonAsync($"/dashboard/api/vehicles/{booking.VehicleId}/manifest");
        Assert.Equal(booking.VehicleId, manifest.GetProperty("vehicleId").GetString());
        var entries = manifest.GetProperty("stops").EnumerateArray()
            .SelectMany(s => s.GetProperty("board").EnumerateArray().Concat(s.GetProperty("alight").EnumerateArray()))
            .Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal([booking.BookingId, booking.BookingId], entries);
        using var unknown = await host.GetAsync("/dashboard/api/vehicles/bus-99/manifest", Scenario.Dispatcher(server));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("bus-99", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_cancelled_booking_is_listed_as_cancelled_and_leaves_the_plan()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var rider = Scenario.Rider(server, "carol");
        var booking = await Scenario.BookAsync(server, rider, "dash-cancel");
        Assert.Equal("confirmed", (await host.GetJsonAsync("/dashboard/api/bookings"))[0].GetProperty("status").GetString());
        await server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId },
            DispatchTestServer.As(rider));

        var card = Assert.Single((await host.GetJsonAsync("/dashboard/api/bookings")).EnumerateArray());
        Assert.Equal("cancelled", card.GetProperty("status").GetString());
        Assert.True(card.TryGetProperty("finishedAt", out var finished) && finished.ValueKind == JsonValueKind.String);
        var kpis = await host.GetJsonAsync("/dashboard/api/kpis");
        Assert.Equal(1, kpis.GetProperty("bookingsToday").GetProperty("cancelled").GetInt32());
        Assert.Equal(0, kpis.GetProperty("bookingsToday").GetProperty("confirmed").GetInt32());
        Assert.Equal(0, kpis.GetProperty("vehiclesBusy").GetInt32());
    }

    [Fact]
    public async Task A_vehicle_that_cannot_keep_a_promise_raises_a_late_alert()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server, "dave"), "dash-late");
        var promisedUntil = booking.PromisedPickup.End.ToDateTimeOffset();
        Assert.DoesNotContain((await host.GetJsonAsync("/dashboard/api/alerts")).EnumerateArray(), a => a.GetProperty("kind").GetString() == "late");

        // The vehicle reports, after the promised window has closed, that it is still where it was: every forecast
        // now lies after the promise.
        server.Clock.Advance(promisedUntil - server.Clock.GetUtcNow() + TimeSpan.FromMinutes(3));
        var vehicle = (await host.GetJsonAsync("/dashboard/api/fleet")).EnumerateArray().Single(v => v.GetProperty("id").GetString() == booking.VehicleId);
        using (var report = server.Fleet.ReportPositions(DispatchTestServer.As(Scenario.Dispatcher(server))))
        {
            await report.RequestStream.WriteAsync(new PositionFix
            {
                VehicleId = booking.VehicleId, Lat = vehicle.GetProperty("lat").GetDouble(), Lon = vehicle.GetProperty("lon").GetDouble(),
                RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()),
            });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }

        var snapshot = await host.GetJsonAsync("/dashboard/api/snapshot");
        var late = Assert.Single(snapshot.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "late");
        Assert.Equal(booking.VehicleId, late.GetProperty("vehicleId").GetString());
        Assert.Equal(booking.BookingId, late.GetProperty("bookingId").GetString());
        Assert.Contains(booking.BookingId, late.GetProperty("message").GetString());
        var card = Assert.Single(snapshot.GetProperty("bookings").EnumerateArray());
        Assert.True(card.GetProperty("delaySeconds").GetDouble() >= 180, card.ToString());
        var serving = snapshot.GetProperty("vehicles").EnumerateArray().Single(v => v.GetProperty("id").GetString() == booking.VehicleId);
        double delay = serving.GetProperty("delaySeconds").GetDouble();
        Assert.True(delay >= 180, serving.ToString());
        Assert.Equal(delay >= 300 ? "critical" : "warning", late.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Boarding_completion_and_no_show_move_the_cards_kpis_and_alerts()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var trip = await Scenario.BookAsync(server, Scenario.Rider(server, "erin"), "dash-trip");
        var missed = await Scenario.BookAsync(server, Scenario.Rider(server, "frank"), "dash-missed");
        int n = 0;
        async Task Report(Booking booking, StopEventKind kind)
        {
            await server.Fleet.ReportStopEventAsync(new StopEventRequest
            {
                VehicleId = booking.VehicleId, Kind = kind, BookingId = booking.BookingId, EventId = "ev-" + n++,
                OccurredAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()),
            }, DispatchTestServer.As(server.Token(Roles.Driver, "d-" + booking.VehicleId, booking.VehicleId)));
        }

        await Report(trip, StopEventKind.Arrived);
        await Report(trip, StopEventKind.Boarded);
        var onBoard = await host.GetJsonAsync("/dashboard/api/snapshot");
        Assert.Equal("onBoard", onBoard.GetProperty("bookings").EnumerateArray().Single(b => b.GetProperty("id").GetString() == trip.BookingId).GetProperty("status").GetString());
        var carrying = onBoard.GetProperty("vehicles").EnumerateArray().Single(v => v.GetProperty("id").GetString() == trip.VehicleId);
        Assert.Equal(1, carrying.GetProperty("occupancy").GetProperty("seats").GetInt32());
        Assert.Equal(1, onBoard.GetProperty("kpis").GetProperty("bookingsToday").GetProperty("onBoard").GetInt32());

        server.Clock.Advance(TimeSpan.FromMinutes(10));
        await Report(trip, StopEventKind.Arrived);
        await Report(trip, StopEventKind.DroppedOff);
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        await Report(missed, StopEventKind.Arrived);
        await Report(missed, StopEventKind.NoShow);

        var after = await host.GetJsonAsync("/dashboard/api/snapshot");
        var cards = after.GetProperty("bookings").EnumerateArray().ToDictionary(b => b.GetProperty("id").GetString()!, b => b.GetProperty("status").GetString());
        Assert.Equal("completed", cards[trip.BookingId]);
        Assert.Equal("noShow", cards[missed.BookingId]);
        var kpis = after.GetProperty("kpis");
        Assert.Equal(1, kpis.GetProperty("served").GetInt32());
        Assert.Equal(1, kpis.GetProperty("noShows").GetInt32());
        Assert.Equal(1, kpis.GetProperty("bookingsToday").GetProperty("completed").GetInt32());
        Assert.Equal(1, kpis.GetProperty("bookingsToday").GetProperty("noShow").GetInt32());
        var noShow = Assert.Single(after.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "no-show");
        Assert.Equal(missed.BookingId, noShow.GetProperty("bookingId").GetString());
        Assert.Contains("frank", noShow.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_network_layer_draws_roads_inside_the_region()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var graph = host.Server.Services.GetRequiredService<RoadRouter>().Graph;
        double minLat = graph.LatitudesE7.Min() * 1e-7, maxLat = graph.LatitudesE7.Max() * 1e-7;
        double minLon = graph.LongitudesE7.Min() * 1e-7, maxLon = graph.LongitudesE7.Max() * 1e-7;
        const double Rounding = 1e-5; // precision-5 polylines

        var network = await host.GetJsonAsync("/dashboard/api/network");
        var roads = network.GetProperty("roads").EnumerateArray().ToList();
        Assert.True(roads.Count > 500, $"only {roads.Count} roads");
        string[] drawn = ["Motorway", "Trunk", "Primary", "Secondary", "Tertiary", "Unclassified", "Residential"];
        int points = 0;
        foreach (var road in roads)
        {
            Assert.Contains(road.GetProperty("class").GetString(), drawn);
            var line = Polyline.Decode(road.GetProperty("line").GetString()!);
            Assert.True(line.Count >= 2);
            foreach (var (lat, lon) in line)
            {
                Assert.InRange(lat, minLat - Rounding, maxLat + Rounding);
                Assert.InRange(lon, minLon - Rounding, maxLon + Rounding);
                Assert.InRange(lat, network.GetProperty("minLat").GetDouble() - Rounding, network.GetProperty("maxLat").GetDouble() + Rounding);
                Assert.InRange(lon, network.GetProperty("minLon").GetDouble() - Rounding, network.GetProperty("maxLon").GetDouble() + Rounding);
                points++;
            }
        }
        // The default service area (appsettings.json) lies on the drawn map.
        Assert.InRange(49.977, network.GetProperty("minLat").GetDouble(), network.GetProperty("maxLat").GetDouble());
        Assert.InRange(11.600, network.GetProperty("minLon").GetDouble(), network.GetProperty("maxLon").GetDouble());
        Assert.True(points < 20 * roads.Count, "the shapes were not simplified");
    }
}
