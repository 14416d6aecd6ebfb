using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

public sealed class RoadRouterTravelTimeServiceTests
{
    /// <summary>
    /// A — B — C along latitude 50°, two-way, each segment 60 s and 716.8 m (0.01° of longitude).
    /// </summary>
    private static RoadRouterTravelTimeService LineNetwork()
    {
        int[] lat = [500_000_000, 500_000_000, 500_000_000];
        int[] lon = [115_000_000, 115_100_000, 115_200_000];
        int[] first = [0, 1, 3, 4];
        int[] target = [1, 0, 2, 1];
        int[] ms = [60_000, 60_000, 60_000, 60_000];
        int[] dm = [7_168, 7_168, 7_168, 7_168];
        var graph = new RoadGraph(lat, lon, first, target, ms, dm, new byte[4], new int[5], [], [], [true, true, true]);
        return new RoadRouterTravelTimeService(RoadRouter.Build(graph));
    }

    [Fact]
    public void Departure_in_the_morning_peak_is_slower_on_a_primary_road()
    {
        int[] lat = [500_000_000, 500_000_000, 500_000_000];
        int[] lon = [115_000_000, 115_100_000, 115_200_000];
        var primary = Enumerable.Repeat((byte)RoadClass.Primary, 4).ToArray();
        var graph = new RoadGraph(lat, lon, [0, 1, 3, 4], [1, 0, 2, 1], [60_000, 60_000, 60_000, 60_000], [7_168, 7_168, 7_168, 7_168],
            primary, new int[5], [], [], [true, true, true]);
        var service = new RoadRouterTravelTimeService(RoadRouter.Build(graph));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var local = new DateTime(2026, 3, 10, 7, 30, 0);
        var peak = new DateTimeOffset(local, zone.GetUtcOffset(local));
        var a = new GeoPoint(50.0, 11.50);
        var c = new GeoPoint(50.0, 11.52);
        Assert.Equal(120, service.Table([a], [c]).Duration(0, 0), 3);
        // Default time-of-day profile: primary roads at 0.90 of their speed between 7 and 9 h.
        Assert.Equal(120 / 0.9, service.ForDeparture(peak).Table([a], [c]).Duration(0, 0), 2);
        Assert.Equal(120, service.ForDeparture(peak.AddHours(5)).Table([a], [c]).Duration(0, 0), 3);
    }

    [Fact]
    public void Snaps_tables_and_routes_on_the_road_graph()
    {
        var s = LineNetwork();
        var a = new GeoPoint(50.0, 11.50);
        var c = new GeoPoint(50.0, 11.52);
        var off = new GeoPoint(50.001, 11.51); // ~111 m north of B

        var snap = s.Snap(off);
        Assert.Equal(SnapStatus.Snapped, snap.Status);
        Assert.Equal(50.0, snap.Point.Latitude, 4);
        Assert.Equal(111, snap.WalkingMetres, 0);

        var t = s.Table([a, c], [a, c]);
        Assert.Equal(0, t.Duration(0, 0));
        Assert.Equal(120, t.Duration(0, 1), 1);
        Assert.Equal(1433.6, t.Distance(1, 0), 1);

        var r = s.Route([a, c]);
        Assert.True(r.Found);
        Assert.Equal(120, r.DurationSeconds, 1);
        Assert.True(r.Points.Length >= 2);
    }
}
