using System.Net;
using DemandMobility.Dispatch.Geo;
using Polyline = DemandMobility.Routing.Geometry.Polyline;
using DemandMobility.Server.Tests.Integration;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The selected vehicle's planned route along the roads (router geometry), against the real host.</summary>
public sealed class PlannedRouteTests
{
    [Fact]
    public async Task The_route_runs_along_the_roads_from_the_vehicle_through_its_stops()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server), "route-1");
        var card = (await host.GetJsonAsync("/dashboard/api/bookings")).EnumerateArray().Single();
        var pickup = new GeoPoint(card.GetProperty("pickupLat").GetDouble(), card.GetProperty("pickupLon").GetDouble());
        var dropoff = new GeoPoint(card.GetProperty("dropoffLat").GetDouble(), card.GetProperty("dropoffLon").GetDouble());
        var vehicle = (await host.GetJsonAsync("/dashboard/api/fleet")).EnumerateArray().Single(v => v.GetProperty("id").GetString() == booking.VehicleId);
        var start = new GeoPoint(vehicle.GetProperty("lat").GetDouble(), vehicle.GetProperty("lon").GetDouble());

        var route = await host.GetJsonAsync($"/dashboard/api/vehicles/{booking.VehicleId}/route");

        Assert.Equal(booking.VehicleId, route.GetProperty("vehicleId").GetString());
        Assert.True(route.GetProperty("legs").GetInt32() >= 2, route.ToString());
        Assert.Equal(0, route.GetProperty("unrouted").GetInt32());
        var line = Polyline.Decode(route.GetProperty("line").GetString()!).Select(p => new GeoPoint(p.Lat, p.Lon)).ToList();
        // Starts at the vehicle, snapped to the nearest road (the default depot lies about 300 m off the drivable
        // network), and passes the pickup and the drop-off stops.
        Assert.True(GeoMath.HaversineMetres(line[0], start) < 500, $"starts {GeoMath.HaversineMetres(line[0], start):F0} m from the vehicle");
        Assert.Contains(line, p => GeoMath.HaversineMetres(p, pickup) < 100);
        Assert.True(GeoMath.HaversineMetres(line[^1], dropoff) < 100, $"ends {GeoMath.HaversineMetres(line[^1], dropoff):F0} m from the drop-off");
        // Along roads, not a straight line: longer than the straight legs and with many more points than stops.
        double along = 0;
        for (int i = 1; i < line.Count; i++) along += GeoMath.HaversineMetres(line[i - 1], line[i]);
        Assert.True(along > GeoMath.HaversineMetres(start, pickup) + GeoMath.HaversineMetres(pickup, dropoff), $"{along:F0} m along the line");
        Assert.True(line.Count > 10, $"{line.Count} points");

        using var unknown = await host.GetAsync("/dashboard/api/vehicles/bus-99/route", Scenario.Dispatcher(host.Server));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
