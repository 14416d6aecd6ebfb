using System.Net;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>Place names, stop names, trails and computed-alert acknowledgements in the console's JSON, against the real host.</summary>
public sealed class MapLayerTests
{
    [Fact]
    public async Task Place_names_are_the_regions_localities_largest_first_and_the_rider_app_may_read_the_road_map()
    {
        await using var host = await DashboardTestHost.StartAsync();

        var places = (await host.GetJsonAsync("/dashboard/api/places")).EnumerateArray().ToList();

        Assert.True(places.Count >= 10, $"{places.Count} localities");
        Assert.Equal(Enumerable.Range(0, places.Count), places.Select(p => p.GetProperty("rank").GetInt32()));
        Assert.Contains(places, p => p.GetProperty("name").GetString() == "Neudrossenfeld");
        Assert.All(places, p => Assert.InRange(p.GetProperty("lat").GetDouble(), 49.8, 50.2));
        // The rider app's road map: riders read it on /app/api/network, never the console's API.
        using var riderMap = await host.GetAsync("/app/api/network", Scenario.Rider(host.Server));
        Assert.Equal(HttpStatusCode.OK, riderMap.StatusCode);
        Assert.True(JsonDocument.Parse(await riderMap.Content.ReadAsStringAsync()).RootElement.GetProperty("roads").GetArrayLength() > 100);
        using var riderConsole = await host.GetAsync("/dashboard/api/places", Scenario.Rider(host.Server));
        Assert.Equal(HttpStatusCode.Forbidden, riderConsole.StatusCode);
        using var nobody = await host.GetAsync("/app/api/network", null);
        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
    }

    [Fact]
    public async Task Stops_and_bookings_carry_their_names_and_a_moving_vehicle_leaves_a_trail()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "names-1");
        var card = (await host.GetJsonAsync("/dashboard/api/bookings")).EnumerateArray().Single();
        Assert.Equal(booking.Pickup.Name, card.GetProperty("pickupName").GetString());
        Assert.False(string.IsNullOrEmpty(card.GetProperty("dropoffName").GetString()));
        var vehicle = (await host.GetJsonAsync("/dashboard/api/fleet")).EnumerateArray().Single(v => v.GetProperty("id").GetString() == booking.VehicleId);
        Assert.All(vehicle.GetProperty("nextStops").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("name").GetString())));

        // Three fixes a minute apart along its planned route (on the roads): the trail holds them oldest first.
        var route = DemandMobility.Routing.Geometry.Polyline.Decode((await host.GetJsonAsync($"/dashboard/api/vehicles/{booking.VehicleId}/route")).GetProperty("line").GetString()!);
        Assert.True(route.Count >= 4, $"{route.Count} route points");
        var driver = DispatchTestServer.As(server.Token(Roles.Driver, "d1", booking.VehicleId));
        var fixes = new List<(double Lat, double Lon)>();
        for (int i = 1; i <= 3; i++)
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            var p = (Lat: route[route.Count * i / 4].Lat, Lon: route[route.Count * i / 4].Lon);
            using (var report = server.Fleet.ReportPositions(driver))
            {
                await report.RequestStream.WriteAsync(new PositionFix { VehicleId = booking.VehicleId, Lat = p.Lat, Lon = p.Lon, RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()) });
                await report.RequestStream.CompleteAsync();
                Assert.Equal(1, (await report.ResponseAsync).Accepted);
            }
            fixes.Add(p);
            await host.GetJsonAsync("/dashboard/api/fleet");
        }
        var trail = (await host.GetJsonAsync("/dashboard/api/fleet")).EnumerateArray()
            .Single(v => v.GetProperty("id").GetString() == booking.VehicleId).GetProperty("trail").EnumerateArray()
            .Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
        Assert.Equal(fixes.Select(f => (Math.Round(f.Lat, 5), Math.Round(f.Lon, 5))), trail.TakeLast(3));
    }

    [Fact]
    public async Task A_computed_alert_is_acknowledged_through_DispatcherService_and_shows_who_and_when()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "ack-1");
        // Past Dashboard:StaleFixAfter without fixes, every bus in service raises a computed no-fix alert.
        server.Clock.Advance(TimeSpan.FromMinutes(3));
        var alert = (await host.GetJsonAsync("/dashboard/api/alerts")).EnumerateArray().First(a => a.GetProperty("kind").GetString() == "no-fix");
        string id = alert.GetProperty("id").GetString()!;
        Assert.StartsWith("computed/no-fix/", id, StringComparison.Ordinal);
        var control = new DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient(server.Channel);

        var ack = await control.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id, Note = "driver phoned" },
            DispatchTestServer.As(server.Token(Roles.Dispatcher, "anna")));

        Assert.Equal(("anna", "no-fix", "driver phoned"), (ack.AcknowledgedBy, ack.Kind, ack.AcknowledgementNote));
        var shown = (await host.GetJsonAsync("/dashboard/api/alerts")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.Equal("anna", shown.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(server.Clock.GetUtcNow(), shown.GetProperty("acknowledgedAt").GetDateTimeOffset());
        // The other buses' silence is their own occurrence each: not acknowledged.
        var others = (await host.GetJsonAsync("/dashboard/api/alerts")).EnumerateArray()
            .Where(a => a.GetProperty("kind").GetString() == "no-fix" && a.GetProperty("id").GetString() != id).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, a => Assert.Equal(JsonValueKind.Null, a.GetProperty("acknowledgedBy").ValueKind));
        // The vehicle reports again: the alert passes and stays in the history with who and when.
        string vehicleId = shown.GetProperty("vehicleId").GetString()!;
        using (var report = server.Fleet.ReportPositions(DispatchTestServer.As(server.Token(Roles.Driver, "d1", vehicleId))))
        {
            // A point on the roads (the booking's pickup stop).
            await report.RequestStream.WriteAsync(new PositionFix { VehicleId = vehicleId, Lat = booking.Pickup.Position.Lat, Lon = booking.Pickup.Position.Lon,
                RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()) });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }
        var snapshot = await host.GetJsonAsync("/dashboard/api/snapshot");
        Assert.DoesNotContain(snapshot.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetString() == id);
        var passed = Assert.Single(snapshot.GetProperty("passedAlerts").EnumerateArray());
        Assert.Equal((id, "no-fix", vehicleId, "anna", "driver phoned"), (passed.GetProperty("id").GetString(), passed.GetProperty("kind").GetString(),
            passed.GetProperty("vehicleId").GetString(), passed.GetProperty("acknowledgedBy").GetString(), passed.GetProperty("note").GetString()));
        var planner = await Scenario.FailsAsync(() => control.AcknowledgeAlertAsync(new AcknowledgeAlertRequest { AlertId = id },
            DispatchTestServer.As(server.Token(Roles.Planner, "pia"))).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, planner.StatusCode);
    }
}
