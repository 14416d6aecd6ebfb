using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Query;

/// <summary>Turn, junction and signal costs on drawn maps (one column or row = 50 m), against hand-computed values.</summary>
public class TurnCostTests
{
    private static double Seconds(RoadRouter router, TinyMapGraph g, char from, char to, DateTimeOffset? departure = null)
    {
        var r = router.Route(new RouteRequest(At(g, from), At(g, to), IncludeGeometry: false, departure));
        Assert.True(r.IsOk, $"{from}->{to}: {r.Status}");
        return r.DurationSeconds;
    }

    private static GeoCoordinate At(TinyMapGraph g, char c)
    {
        int v = g.NodesOf(c)[0];
        return new GeoCoordinate(g.Graph.LatitudesE7[v] * 1e-7, g.Graph.LongitudesE7[v] * 1e-7);
    }

    [Theory]
    [InlineData("highway", "traffic_signals", 2.0)]
    [InlineData("highway", "stop", 2.0)]
    [InlineData("highway", "give_way", 1.0)]
    [InlineData("railway", "level_crossing", 5.0)]
    public void Control_at_a_node_costs_its_seconds(string key, string value, double seconds)
    {
        var map = new TinyMap("a....x....b");
        map.Way("ax", ("highway", "primary"));
        map.Way("xb", ("highway", "primary"));
        map.NodeTags('x', (key, value));
        var g = map.Build();
        Assert.Equal((NodeControl)g.Graph.NodeControls[g.NodesOf('x')[0]], value switch
        {
            "traffic_signals" => NodeControl.TrafficSignals, "stop" => NodeControl.Stop,
            "give_way" => NodeControl.GiveWay, _ => NodeControl.LevelCrossing,
        });
        // 500 m at 66 km/h = 27.273 s, straight through a node where only two roads meet: no angle penalty.
        Assert.Equal(27.273 + seconds, Seconds(RoadRouter.Build(g.Graph), g, 'a', 'b'), 2);
        Assert.Equal(27.273, Seconds(RoadRouter.BuildNodeBased(g.Graph), g, 'a', 'b'), 2);
    }

    [Fact]
    public void Left_turn_costs_more_than_right_turn_by_the_osrm_curve()
    {
        var map = new TinyMap("""
                n
            w...x...e
                s
            """);
        map.Way("sxn", ("highway", "primary"));
        map.Way("wxe", ("highway", "primary"));
        var g = map.Build();
        var router = RoadRouter.Build(g.Graph);
        // Coming from the south, west is a 90 degree left turn, east a right turn; 50 m + 200 m at 66 km/h = 13.636 s.
        double left = TurnCosts.Standard.AnglePenaltySeconds(-90), right = TurnCosts.Standard.AnglePenaltySeconds(90);
        Assert.InRange(left, 5.3, 5.5);   // 7.5 / (1 + exp(-(13 x 1.075 / 2 - 6.5 / 1.075)))
        Assert.InRange(right, 2.0, 2.2);
        Assert.Equal(13.636 + left, Seconds(router, g, 's', 'w'), 2);
        Assert.Equal(13.636 + right, Seconds(router, g, 's', 'e'), 2);
        // Straight on costs almost nothing.
        Assert.Equal(2 * 50 * 3.6 / 66 + TurnCosts.Standard.AnglePenaltySeconds(0), Seconds(router, g, 's', 'n'), 2);
    }

    [Fact]
    public void Via_way_restriction_forces_the_turn_aware_route_to_turn_back_twice()
    {
        var map = new TinyMap("a b c d");
        long ab = map.Way("ab", ("highway", "residential"));
        long bc = map.Way("bc", ("highway", "residential"));
        long cd = map.Way("cd", ("highway", "residential"));
        map.Relation(
        [
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, ab, "from"),
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, bc, "via"),
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, cd, "to"),
        ], ("type", "restriction"), ("restriction", "no_straight_on"));
        var g = map.Build();
        double nodeBased = Seconds(RoadRouter.BuildNodeBased(g.Graph), g, 'a', 'd');
        double turnAware = Seconds(RoadRouter.Build(g.Graph), g, 'a', 'd');
        // The only legal way: a-b-c, turn back to b, turn again to c, then d: two U-turns (20 s + 7.5 s angle
        // penalty each, nearly) and the 100 m of b-c twice more at 25 km/h (14.4 s).
        double uTurn = TurnCosts.Standard.UTurnSeconds + TurnCosts.Standard.AnglePenaltySeconds(180);
        Assert.Equal(nodeBased + 2 * uTurn + 2 * 100 * 3.6 / 25, turnAware, 1);
    }

    [Fact]
    public void Peak_hour_departure_is_slower_on_primary_roads_and_free_flow_at_noon()
    {
        var map = new TinyMap("a....x....b");
        map.Way("axb", ("highway", "primary"));
        var g = map.Build();
        var router = RoadRouter.Build(g.Graph);
        var berlin = router.TimeOfDay.TimeZone;
        var peak = new DateTimeOffset(2026, 3, 10, 7, 30, 0, berlin.GetUtcOffset(new DateTime(2026, 3, 10, 7, 30, 0)));
        var noon = peak.AddHours(4.5);
        double free = Seconds(router, g, 'a', 'b');
        Assert.Equal(free, Seconds(router, g, 'a', 'b', noon), 3);
        Assert.Equal(free / 0.9, Seconds(router, g, 'a', 'b', peak), 2);
        var table = router.Table(new TableRequest([At(g, 'a')], [At(g, 'b')], peak));
        Assert.Equal(free / 0.9, table.DurationSeconds(0, 0)!.Value, 2);
        Assert.Same(router.ForDeparture(peak), router.ForDeparture(peak.AddHours(1))); // 7 h and 8 h share a band
    }

    [Fact]
    public void Router_with_given_edge_travel_times_uses_them_and_keeps_the_turn_costs()
    {
        var map = new TinyMap("a....x....b");
        map.Way("ax", ("highway", "primary"));
        map.Way("xb", ("highway", "primary"));
        map.NodeTags('x', ("highway", "traffic_signals"));
        var g = map.Build();
        var router = RoadRouter.Build(g.Graph);
        var seconds = new float[g.Graph.EdgeCount];
        for (int e = 0; e < seconds.Length; e++) seconds[e] = g.Graph.EdgeDurationMs[e] / 1000f * 2;
        var slow = router.WithEdgeTravelTimes(seconds);
        Assert.Equal(2 * 27.273 + 2, Seconds(slow, g, 'a', 'b'), 2);
        Assert.Equal(27.273 + 2, Seconds(router, g, 'a', 'b'), 2); // the original is unchanged
        seconds[0] = float.NaN;
        var e2 = Assert.Throws<ArgumentException>(() => router.WithEdgeTravelTimes(seconds));
        Assert.Contains("road edge 0", e2.Message);
        Assert.Throws<ArgumentException>(() => router.WithEdgeTravelTimes(new float[3]));
    }
}
