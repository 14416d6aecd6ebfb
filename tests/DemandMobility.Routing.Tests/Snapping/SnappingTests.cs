using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Snapping;
using DemandMobility.Routing.Tests.Contraction;
using Xunit;

namespace DemandMobility.Routing.Tests.Snapping;

public class SnappingTests
{
    // Drawn map (west → east at latitude 50.0, ~0.0014° ≈ 100 m apart):
    //   a ---- b ---- c        a-b two-way 50 km/h, b-c one-way eastbound 50 km/h
    //          |
    //          d                 b-d two-way, 30 km/h
    private static (RoadRouter Router, int A, int B, int C, int D) Drawn()
    {
        var t = new TestNetworkBuilder();
        int a = t.AddNode(50.0, 11.6000);
        int b = t.AddNode(50.0, 11.6014);
        int c = t.AddNode(50.0, 11.6028);
        int d = t.AddNode(49.9991, 11.6014);
        t.AddRoad(a, b, 50);
        t.AddRoad(b, c, 50, oneway: true);
        t.AddRoad(b, d, 30);
        t.AddRoad(c, d, 30); // lets c reach the rest, so everything is one strong component
        return (RoadRouter.Build(t.Build()), a, b, c, d);
    }

    [Fact]
    public void Point_beside_a_road_is_projected_onto_the_segment_not_the_nearest_node()
    {
        var (router, a, b, _, _) = Drawn();
        var p = router.Nearest(50.0002, 11.6007); // ~22 m north of the middle of a-b
        Assert.Equal(SnapStatus.Snapped, p.Status);
        var g = router.Graph;
        int source = new[] { a, b }.Single(v => v == g.EdgeSource(p.Edge));
        Assert.Contains(g.EdgeTarget[p.Edge], new[] { a, b });
        Assert.NotEqual(source, g.EdgeTarget[p.Edge]);
        Assert.InRange(p.Fraction, 0.45, 0.55);
        Assert.InRange(p.DistanceMetres, 20, 25);
        Assert.Equal(500_000_000, p.LatitudeE7);
        Assert.True(p.ReverseEdge >= 0, "a-b is two-way, so the reverse edge must be known");
    }

    [Fact]
    public void Point_beyond_the_maximum_distance_is_reported_not_thrown()
    {
        var (router, _, _, _, _) = Drawn();
        var far = router.Nearest(50.02, 11.6); // ~2.2 km north
        Assert.Equal(SnapStatus.TooFar, far.Status);
        var wide = new RoadRouter(router.Graph, router.Hierarchy, new RouterOptions(MaxSnapDistanceMetres: 5000)).Nearest(50.02, 11.6);
        Assert.Equal(SnapStatus.Snapped, wide.Status);
        Assert.Equal(SnapStatus.InvalidCoordinate, router.Nearest(double.NaN, 11.6).Status);
        Assert.Equal(SnapStatus.InvalidCoordinate, router.Nearest(91, 11.6).Status);
    }

    [Fact]
    public void Source_and_target_on_the_same_two_way_edge_drive_only_the_part_between_them()
    {
        var (router, _, _, _, _) = Drawn();
        var g = router.Graph;
        var r = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6002), new GeoCoordinate(50.0, 11.6010)));
        Assert.Equal(RouteStatus.Ok, r.Status);
        int e = r.From.Edge;
        double part = Math.Abs(r.To.Fraction - r.From.Fraction);
        Assert.Equal(Math.Round(g.EdgeDurationMs[e] * part) / 1000, r.DurationSeconds, 3);
        // and backwards on the same road, which is two-way
        var back = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6010), new GeoCoordinate(50.0, 11.6002)));
        Assert.Equal(r.DurationSeconds, back.DurationSeconds, 2);
        Assert.Equal(r.DistanceMetres, back.DistanceMetres, 0);
    }

    [Fact]
    public void Backwards_on_a_one_way_edge_goes_round_the_block()
    {
        var (router, _, b, c, d) = Drawn();
        var g = router.Graph;
        var forward = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6018), new GeoCoordinate(50.0, 11.6024)));
        var backward = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6024), new GeoCoordinate(50.0, 11.6018)));
        Assert.Equal(RouteStatus.Ok, forward.Status);
        Assert.Equal(RouteStatus.Ok, backward.Status);
        Assert.Equal(-1, forward.From.ReverseEdge);
        // Backwards must continue to c, go c→d→b and re-enter b→c: longer than the whole one-way road.
        int bc = Enumerable.Range(g.FirstEdge[b], g.FirstEdge[b + 1] - g.FirstEdge[b]).Single(e => g.EdgeTarget[e] == c);
        Assert.True(backward.DurationSeconds > g.EdgeDurationMs[bc] / 1000.0);
        Assert.True(forward.DurationSeconds < g.EdgeDurationMs[bc] / 1000.0);
        Assert.True(d >= 0);
    }

    [Fact]
    public void Snapping_ignores_roads_outside_the_main_component()
    {
        var t = new TestNetworkBuilder();
        int a = t.AddNode(50.0, 11.60), b = t.AddNode(50.0, 11.61);
        int x = t.AddNode(50.001, 11.605), y = t.AddNode(50.001, 11.606);
        t.AddRoad(a, b, 50);
        t.AddRoad(x, y, 50, oneway: true); // an isolated one-way stub: not strongly connected
        var router = RoadRouter.Build(t.Build());
        var p = router.Nearest(50.001, 11.6055); // on the stub, ~110 m from a-b
        Assert.Equal(SnapStatus.Snapped, p.Status);
        Assert.Contains(router.Graph.EdgeTarget[p.Edge], new[] { a, b });
        Assert.InRange(p.DistanceMetres, 100, 120);
    }

    [Fact]
    public void Two_way_road_ending_at_split_copies_of_a_restricted_junction_is_still_drivable_both_ways()
    {
        // v is split into v1 (reached from a) and v2 (leaving towards a), as the extractor does for restrictions.
        var t = new TestNetworkBuilder();
        int a = t.AddNode(50.0, 11.600);
        int v1 = t.AddNode(50.0, 11.602);
        int v2 = t.AddNode(50.0, 11.602);
        int c = t.AddNode(50.001, 11.602);
        t.AddRoad(a, v1, 50, oneway: true);
        t.AddRoad(v2, a, 50, oneway: true);
        t.AddRoad(v1, c, 50, oneway: true);
        t.AddRoad(c, v2, 50, oneway: true);
        var router = RoadRouter.Build(t.Build());
        var p = router.Nearest(50.0, 11.601);
        Assert.Equal(SnapStatus.Snapped, p.Status);
        Assert.True(p.ReverseEdge >= 0, "the a→v1 and v2→a edges form one two-way road");
        var east = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6005), new GeoCoordinate(50.0, 11.6015)));
        var west = router.Route(new RouteRequest(new GeoCoordinate(50.0, 11.6015), new GeoCoordinate(50.0, 11.6005)));
        Assert.Equal(RouteStatus.Ok, west.Status);
        Assert.Equal(east.DurationSeconds, west.DurationSeconds, 2); // direct both ways, no loop via c
    }
}
