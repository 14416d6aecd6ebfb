using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

/// <summary>The built-up-area stage on drawn maps: one column or row is 50 m.</summary>
public class BuiltUpAreaTests
{
    // A 1 km untagged tertiary road a..b; the village centre v sits 100 m north of its middle.
    private const string Road = """
                  v

        a...................b
        """;

    [Fact]
    public void Untagged_road_outside_any_settlement_drives_at_the_rural_class_speed()
    {
        var map = new TinyMap(Road);
        map.Way("ab", ("highway", "tertiary"));
        var g = map.Build();
        // 1000 m at min(42, 100 x 0.8) = 42 km/h = 85.71 s.
        Assert.InRange(g.Route('a', 'b')!.Value.DurationMs, 85_650, 85_800);
        Assert.Equal(0, g.Result.Statistics.UrbanSegmentShare);
    }

    [Fact]
    public void Place_node_makes_the_road_inside_its_radius_urban()
    {
        var map = new TinyMap(Road);
        map.Way("ab", ("highway", "tertiary"));
        map.NodeTags('v', ("place", "village"));
        var g = map.Build();
        Assert.Equal(1, g.Result.Statistics.BuiltUpCircles);
        // A two-node way is one segment; its midpoint is 100 m from v (radius 500 m), so the whole
        // 1000 m drive at the urban limit: min(42, 50 x 0.8 = 40) km/h = 90.0 s.
        Assert.InRange(g.Route('a', 'b')!.Value.DurationMs, 89_900, 90_100);
    }

    [Fact]
    public void Hamlet_radius_is_small_and_isolated_dwellings_are_no_settlement()
    {
        var near = BuiltUpAreas.Detect([(500_000_000, 110_000_000, "hamlet")], [], []);
        Assert.True(near.Contains(500_010_000, 110_000_000));      // ~111 m north
        Assert.False(near.Contains(500_030_000, 110_000_000));     // ~334 m north
        var dwelling = BuiltUpAreas.Detect([(500_000_000, 110_000_000, "isolated_dwelling")], [], []);
        Assert.Equal(0, dwelling.CircleCount);
    }

    [Fact]
    public void Landuse_polygon_marks_only_the_segments_inside_it()
    {
        // Residential landuse p-q-r-s around the western half of the road, way nodes every 250 m.
        var map = new TinyMap("""
            p........q

            a....c....d....e....b

            s........r
            """);
        map.Way("acdeb", ("highway", "tertiary"));
        map.Way("pqrsp", ("landuse", "residential"));
        var g = map.Build();
        Assert.Equal(1, g.Result.Statistics.BuiltUpPolygons);
        // a-c, c-d inside (500 m at 40 km/h = 45.0 s), d-e, e-b outside (500 m at 42 km/h = 42.86 s).
        Assert.InRange(g.Route('a', 'b')!.Value.DurationMs, 87_780, 87_940);
        Assert.Equal(0.5, g.Result.Statistics.UrbanSegmentShare, 6);
    }

    [Fact]
    public void City_limit_sign_sets_the_settlement_boundary()
    {
        // Town centre t; its sign z stands 250 m east. The default town radius (1500 m) would cover all of a..b.
        var map = new TinyMap("""
            a....t....z....c....b
            """);
        map.Way("atzcb", ("highway", "tertiary"));
        map.NodeTags('t', ("place", "town"));
        map.NodeTags('z', ("traffic_sign", "city_limit"));
        var g = map.Build();
        // a-t, t-z inside (midpoints 125 m from t), z-c and c-b outside: 500 m at 40 + 500 m at 42 km/h.
        Assert.InRange(g.Route('a', 'b')!.Value.DurationMs, 87_780, 87_940);
    }

    [Fact]
    public void Tagged_limit_holds_inside_and_outside()
    {
        var map = new TinyMap(Road);
        map.Way("ab", ("highway", "tertiary"), ("maxspeed", "70"));
        map.NodeTags('v', ("place", "village"));
        // 1000 m at 70 x 0.8 = 56 km/h = 64.29 s, whatever the settlement state.
        Assert.InRange(map.Build().Route('a', 'b')!.Value.DurationMs, 64_200, 64_380);
    }

    [Fact]
    public void Polygon_with_too_few_points_is_a_clear_error()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltUpAreas.Detect([], [], [([1, 2], [1, 2])]));
        Assert.Contains("at least 3 points", e.Message);
    }
}
