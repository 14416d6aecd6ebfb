using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Query;
using DemandMobility.Routing.Tests.Contraction;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Query;

public class TurnAwareQueryTests
{
    [Fact]
    public void Hierarchy_equals_turn_aware_dijkstra_on_1000_random_pairs_of_the_real_extract()
    {
        var router = RealRegion.Router;
        var g = router.Graph;
        var rnd = new Random(2025);
        int reachable = 0;
        for (int k = 0; k < 1000; k++)
        {
            var s = router.Nearest(Lat(g, rnd), Lon(g, rnd));
            var t = router.Nearest(Lat(g, rnd), Lon(g, rnd));
            if (!s.IsSnapped || !t.IsSnapped) { k--; continue; }
            long want = TurnAwareReference.Weight(router.Turns!, s, t);
            long got = router.Weight(s, t);
            if (want < PathWeight.Infinity) reachable++;
            Assert.Equal(PathWeight.DurationMs(want), PathWeight.DurationMs(got));
        }
        Assert.True(reachable > 900, $"only {reachable} of 1000 snapped pairs reachable");
    }

    private static double Lat(Graph.RoadGraph g, Random rnd) => g.LatitudesE7[rnd.Next(g.NodeCount)] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.002;

    private static double Lon(Graph.RoadGraph g, Random rnd) => g.LongitudesE7[rnd.Next(g.NodeCount)] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.003;

    [Fact]
    public void Property_turn_aware_hierarchy_equals_turn_aware_dijkstra_on_random_graphs()
    {
        var gen = from w in Gen.Choose(2, 8)
                  from h in Gen.Choose(2, 8)
                  from seed in Gen.Choose(0, 1_000_000)
                  select (w, h, seed);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var g = TestNetworks.RandomGrid(c.w, c.h, c.seed);
            var rnd = new Random(c.seed);
            var controls = new byte[g.NodeCount];
            for (int v = 0; v < controls.Length; v++) controls[v] = (byte)rnd.Next(5);
            g = new Graph.RoadGraph(g.LatitudesE7, g.LongitudesE7, g.FirstEdge, g.EdgeTarget, g.EdgeDurationMs, g.EdgeDistanceDm,
                g.EdgeRoadClass, g.EdgeShapeStart, g.ShapeLatitudesE7, g.ShapeLongitudesE7, g.InMainComponent) { NodeControls = controls };
            var router = RoadRouter.Build(g, contraction: new ContractionOptions(SimulationSettledLimit: 5, ContractionSettledLimit: 8));
            for (int k = 0; k < 20; k++)
            {
                var s = router.Nearest(TestNetworks.BaseLat + rnd.NextDouble() * 0.0018 * c.h, TestNetworks.BaseLon + rnd.NextDouble() * 0.0027 * c.w);
                var t = router.Nearest(TestNetworks.BaseLat + rnd.NextDouble() * 0.0018 * c.h, TestNetworks.BaseLon + rnd.NextDouble() * 0.0027 * c.w);
                if (!s.IsSnapped || !t.IsSnapped) continue;
                if (TurnAwareReference.Weight(router.Turns!, s, t) != router.Weight(s, t)) return false;
            }
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Matrix_equals_one_to_one_on_the_real_extract()
    {
        var router = RealRegion.Router;
        var g = router.Graph;
        var rnd = new Random(17);
        var pts = Enumerable.Range(0, 30).Select(_ => new GeoCoordinate(Lat(g, rnd), Lon(g, rnd))).ToList();
        var table = router.Table(new TableRequest(pts));
        for (int i = 0; i < pts.Count; i++)
            for (int j = 0; j < pts.Count; j++)
            {
                var r = router.Route(new RouteRequest(pts[i], pts[j], IncludeGeometry: true));
                Assert.Equal(r.IsOk, table.IsReachable(i, j));
                if (!r.IsOk) continue;
                Assert.Equal(r.DurationSeconds, table.DurationSeconds(i, j));
                Assert.Equal(r.DistanceMetres, table.DistanceMetres(i, j));
                Assert.InRange(r.Geometry!.LengthMetres(), r.DistanceMetres * 0.99 - 2, r.DistanceMetres * 1.01 + 2);
            }
    }

    [Fact]
    public void Turn_costs_make_trips_slower_than_the_node_based_engine_never_faster()
    {
        var turnAware = RealRegion.Router;
        var nodeBased = RealRegion.NodeBasedRouter;
        var g = turnAware.Graph;
        var rnd = new Random(5);
        var pts = Enumerable.Range(0, 40).Select(_ => new GeoCoordinate(Lat(g, rnd), Lon(g, rnd))).ToList();
        var a = turnAware.Table(new TableRequest(pts));
        var b = nodeBased.Table(new TableRequest(pts));
        int slower = 0;
        for (int i = 0; i < a.DurationsMs.Length; i++)
        {
            if (a.DurationsMs[i] == TableResult.Unreachable) continue;
            Assert.True(a.DurationsMs[i] >= b.DurationsMs[i], $"cell {i}: turn-aware {a.DurationsMs[i]} < node-based {b.DurationsMs[i]}");
            if (a.DurationsMs[i] > b.DurationsMs[i]) slower++;
        }
        Assert.True(slower > a.DurationsMs.Length / 2);
    }
}
