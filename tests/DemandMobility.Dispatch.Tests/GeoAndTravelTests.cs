using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

public sealed class GeoAndTravelTests
{
    [Fact]
    public void One_degree_of_latitude_is_about_111_km()
    {
        // 2πR/360 with the mean radius 6 371 008.8 m.
        Assert.Equal(111_195.08, GeoMath.HaversineMetres(new GeoPoint(50, 11), new GeoPoint(51, 11)), 1);
    }

    [Fact]
    public void Straight_line_service_drives_ten_km_in_fifteen_minutes_at_40_kmh()
    {
        var s = new StraightLineTravelTimeService(40);
        var a = Harness.P(0, 0);
        var b = Harness.P(10, 0);
        var t = s.Table([a, b], [a, b]);
        Assert.Equal(0, t.Duration(0, 0));
        Assert.Equal(10_000, t.Distance(0, 1), 1);
        Assert.Equal(900, t.Duration(0, 1), 1);
        Assert.Equal(t.Duration(0, 1), t.Duration(1, 0), 9);
        var snap = s.Snap(a);
        Assert.Equal(SnapStatus.Snapped, snap.Status);
        Assert.Equal(0, snap.WalkingMetres);
        Assert.Equal(SnapStatus.NoRoadNearby, s.Snap(new GeoPoint(91, 0)).Status);
        var route = s.Route([a, b, a]);
        Assert.Equal(20_000, route.DistanceMetres, 1);
    }

    [Fact]
    public void Service_area_contains_inner_points_only()
    {
        var area = new ServiceArea([new GeoPoint(50, 11), new GeoPoint(50, 12), new GeoPoint(51, 12), new GeoPoint(51, 11)]);
        Assert.True(area.Contains(new GeoPoint(50.5, 11.5)));
        Assert.False(area.Contains(new GeoPoint(49.9, 11.5)));
        Assert.False(area.Contains(new GeoPoint(50.5, 12.1)));
        var concave = new ServiceArea([new GeoPoint(0, 0), new GeoPoint(0, 4), new GeoPoint(4, 4), new GeoPoint(4, 3), new GeoPoint(1, 3), new GeoPoint(1, 1), new GeoPoint(4, 1), new GeoPoint(4, 0)]);
        Assert.True(concave.Contains(new GeoPoint(0.5, 2)));
        Assert.False(concave.Contains(new GeoPoint(2.5, 2)));
        Assert.True(concave.Contains(new GeoPoint(3, 3.5)));
    }
}
