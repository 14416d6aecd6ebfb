using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

public class TinyMapExtractionTests
{
    // Four arms meeting at x (primary), ring road around them (residential, slower).
    private const string Crossing = """
        a   n   b

        w   x   e

        c   s   d
        """;

    [Fact]
    public void Ways_are_split_at_junctions_and_keep_inner_points_as_shape()
    {
        var map = new TinyMap("""
            a b c
                d
            """);
        map.Way("abc", ("highway", "residential"));
        map.Way("cd", ("highway", "residential"));
        var g = map.Build();
        // a, c (junction/ends) and d are graph nodes; b is shape only.
        Assert.Equal(3, g.Graph.NodeCount);
        Assert.Empty(g.NodesOf('b'));
        Assert.Equal(4, g.Graph.EdgeCount);
        Assert.Equal("abc", g.Route('a', 'c')!.Value.Letters);
        Assert.Equal("cba", g.Route('c', 'a')!.Value.Letters);
    }

    [Fact]
    public void Edge_distance_is_haversine_and_duration_follows_profile_speed()
    {
        var map = new TinyMap("a  b");
        map.Way("ab", ("highway", "primary"), ("maxspeed", "100"));
        var g = map.Build();
        int e = g.Graph.FirstEdge[g.NodesOf('a')[0]];
        // 3 cells of 50 m; primary tagged 100 km/h x limit factor 0.8 = 80 km/h -> 150 m in 6.75 s.
        Assert.InRange(g.Graph.EdgeDistanceDm[e], 1499, 1501);
        Assert.InRange(g.Graph.EdgeDurationMs[e], 6740, 6760);
        Assert.Equal((byte)RoadClass.Primary, g.Graph.EdgeRoadClass[e]);
    }

    [Fact]
    public void Oneway_is_driven_only_forward_and_detours_backward()
    {
        var map = new TinyMap("""
            a   b

              c
            """);
        map.Way("ab", ("highway", "primary"), ("oneway", "yes"));
        map.Way("acb", ("highway", "residential"));
        var g = map.Build();
        Assert.Equal("ab", g.Route('a', 'b')!.Value.Letters);
        Assert.Equal("bca", g.Route('b', 'a')!.Value.Letters);
    }

    [Fact]
    public void Reverse_oneway_is_driven_only_against_node_order()
    {
        var map = new TinyMap("""
            a   b

              c
            """);
        map.Way("ab", ("highway", "primary"), ("oneway", "-1"));
        map.Way("acb", ("highway", "residential"));
        var g = map.Build();
        Assert.Equal("ba", g.Route('b', 'a')!.Value.Letters);
        Assert.Equal("acb", g.Route('a', 'b')!.Value.Letters);
    }

    [Fact]
    public void Roundabout_is_implicitly_oneway()
    {
        var map = new TinyMap("""
                c
                r
            a p   q b
                s
                d
            """);
        // Counter-clockwise, as roundabouts in right-hand traffic: p (west) -> s (south) -> q (east) -> r (north).
        map.Way("psqrp", ("highway", "primary"), ("junction", "roundabout"));
        map.Way("ap", ("highway", "residential"));
        map.Way("qb", ("highway", "residential"));
        map.Way("cr", ("highway", "residential"));
        map.Way("sd", ("highway", "residential"));
        var g = map.Build();
        Assert.Equal("apsqb", g.Route('a', 'b')!.Value.Letters);
        Assert.Equal("bqrpa", g.Route('b', 'a')!.Value.Letters);
        Assert.Equal("bqrpsd", g.Route('b', 'd')!.Value.Letters);
    }

    [Fact]
    public void Private_road_is_avoided_and_unreachable_without_alternative()
    {
        var map = new TinyMap("""
            a   b   d

              c
            """);
        map.Way("ab", ("highway", "residential"), ("access", "private"));
        map.Way("acb", ("highway", "residential"));
        map.Way("bd", ("highway", "service"), ("access", "no"));
        var g = map.Build();
        Assert.Equal("acb", g.Route('a', 'b')!.Value.Letters);
        Assert.Empty(g.NodesOf('d'));
    }

    [Fact]
    public void Psv_yes_opens_a_road_closed_to_cars_for_the_minibus()
    {
        var map = new TinyMap("""
            a   b

              c
            """);
        map.Way("ab", ("highway", "residential"), ("motor_vehicle", "no"), ("psv", "yes"));
        map.Way("acb", ("highway", "residential"));
        var g = map.Build();
        Assert.Equal("ab", g.Route('a', 'b')!.Value.Letters);
    }

    private static (TinyMap Map, long Sx, long Xn, long Wx, long Xe) CrossingMap()
    {
        var map = new TinyMap(Crossing);
        long sx = map.Way("sx", ("highway", "primary"));
        long xn = map.Way("xn", ("highway", "primary"));
        long wx = map.Way("wx", ("highway", "primary"));
        long xe = map.Way("xe", ("highway", "primary"));
        map.Way("anb", ("highway", "residential"));
        map.Way("bed", ("highway", "residential"));
        map.Way("dsc", ("highway", "residential"));
        map.Way("cwa", ("highway", "residential"));
        return (map, sx, xn, wx, xe);
    }

    [Fact]
    public void Without_restriction_the_crossing_is_used()
    {
        var (map, _, _, _, _) = CrossingMap();
        var g = map.Build();
        Assert.Equal("sxw", g.Route('s', 'w')!.Value.Letters);
        Assert.Equal("sxe", g.Route('s', 'e')!.Value.Letters);
        Assert.Equal(0, g.Result.Statistics.RestrictionsApplied);
    }

    [Fact]
    public void No_left_turn_is_not_taken_and_the_detour_is()
    {
        var (map, sx, _, wx, _) = CrossingMap();
        map.Restriction("no_left_turn", sx, 'x', wx);
        var g = map.Build();
        Assert.Equal(1, g.Result.Statistics.RestrictionsApplied);
        Assert.True(g.Result.Statistics.SplitNodesAdded >= 1);
        var route = g.Route('s', 'w')!.Value;
        Assert.DoesNotContain("sxw", route.Letters);
        // Hand-computed (columns 4 x 50 m apart, rows 2 x 50 m): s-x-n-x-w is 100+100+100+200 = 500 m of
        // primary at 66 km/h = 27.27 s, turning around at the junction n (the road graph has no turn costs);
        // the ring road s-c-w is 200+100 = 300 m residential at 25 km/h = 43.2 s.
        Assert.Equal("sxnxw", route.Letters);
        Assert.InRange(route.DurationMs, 27_200, 27_350);
        // Other movements at x stay allowed.
        Assert.Equal("sxe", g.Route('s', 'e')!.Value.Letters);
        Assert.Equal("sxn", g.Route('s', 'n')!.Value.Letters);
        Assert.Equal("wxs", g.Route('w', 's')!.Value.Letters);
        Assert.Equal("exw", g.Route('e', 'w')!.Value.Letters);
    }

    [Fact]
    public void Only_straight_on_forbids_turns_but_allows_straight()
    {
        var (map, sx, xn, _, _) = CrossingMap();
        map.Restriction("only_straight_on", sx, 'x', xn);
        var g = map.Build();
        Assert.Equal("sxn", g.Route('s', 'n')!.Value.Letters);
        var toEast = g.Route('s', 'e')!.Value.Letters;
        Assert.DoesNotContain("sxe", toEast);
        // As above: turning around at n beats the slow ring road.
        Assert.Equal("sxnxe", toEast);
        Assert.DoesNotContain("sxw", g.Route('s', 'w')!.Value.Letters);
        // Traffic arriving from the east is not restricted.
        Assert.Equal("exs", g.Route('e', 's')!.Value.Letters);
    }

    [Fact]
    public void Restriction_for_other_vehicles_or_with_psv_exception_is_ignored()
    {
        var (map, sx, _, wx, _) = CrossingMap();
        map.Restriction("no_left_turn", sx, 'x', wx, type: "restriction:hgv");
        var g = map.Build();
        Assert.Equal("sxw", g.Route('s', 'w')!.Value.Letters);
        Assert.Equal(0, g.Result.Statistics.RestrictionsRead);
    }

    [Fact]
    public void Isolated_island_is_not_in_the_main_component()
    {
        var map = new TinyMap("""
            a b c   y z
            """);
        map.Way("abc", ("highway", "residential"));
        map.Way("yz", ("highway", "residential"));
        var g = map.Build();
        Assert.True(g.Graph.InMainComponent[g.NodesOf('a')[0]]);
        Assert.True(g.Graph.InMainComponent[g.NodesOf('c')[0]]);
        Assert.False(g.Graph.InMainComponent[g.NodesOf('y')[0]]);
        Assert.False(g.Graph.InMainComponent[g.NodesOf('z')[0]]);
        Assert.Equal(2, g.Result.Statistics.MainComponentNodes);
        Assert.Null(g.Route('a', 'y'));
    }

    [Fact]
    public void Oneway_dead_end_is_outside_the_main_component()
    {
        var map = new TinyMap("a b c");
        map.Way("ab", ("highway", "residential"));
        map.Way("bc", ("highway", "residential"), ("oneway", "yes"));
        var g = map.Build();
        Assert.False(g.Graph.InMainComponent[g.NodesOf('c')[0]]);
        Assert.True(g.Graph.InMainComponent[g.NodesOf('a')[0]]);
    }
}
