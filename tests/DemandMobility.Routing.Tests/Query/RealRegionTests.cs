using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Query;
using DemandMobility.Routing.Search;
using Xunit;

namespace DemandMobility.Routing.Tests.Query;

public class RealRegionTests
{
    [Fact]
    public void Hierarchy_durations_equal_reference_dijkstra_on_1000_random_pairs_of_the_real_extract()
    {
        var router = RealRegion.NodeBasedRouter;
        var g = router.Graph;
        var dijkstra = new Dijkstra(g);
        var rnd = new Random(2024);
        int reachable = 0;
        for (int k = 0; k < 1000; k++)
        {
            int s = rnd.Next(g.NodeCount), t = rnd.Next(g.NodeCount);
            var reference = dijkstra.Route(s, t);
            long ch = router.NodeWeight(s, t);
            if (!reference.Found)
            {
                Assert.Equal(PathWeight.Infinity, ch);
                continue;
            }
            reachable++;
            Assert.Equal(reference.DurationMs, PathWeight.DurationMs(ch));
        }
        Assert.True(reachable > 700, $"only {reachable} of 1000 random pairs reachable");
    }

    [Fact]
    public void Real_matrix_equals_one_to_one_and_geometry_matches_distance()
    {
        var router = RealRegion.Router;
        var g = router.Graph;
        var rnd = new Random(9);
        var pts = new List<GeoCoordinate>();
        while (pts.Count < 40)
        {
            int v = rnd.Next(g.NodeCount);
            if (!g.InMainComponent[v]) continue;
            // ~100 m off a random junction, so points land mid-edge
            pts.Add(new GeoCoordinate(g.LatitudesE7[v] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.002, g.LongitudesE7[v] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.003));
        }
        var table = router.Table(new TableRequest(pts));
        int ok = 0;
        for (int i = 0; i < pts.Count; i++)
            for (int j = 0; j < pts.Count; j++)
            {
                var r = router.Route(new RouteRequest(pts[i], pts[j], IncludeGeometry: i % 4 == 0));
                Assert.Equal(r.IsOk, table.IsReachable(i, j));
                if (!r.IsOk) continue;
                ok++;
                Assert.Equal(r.DurationSeconds, table.DurationSeconds(i, j));
                Assert.Equal(r.DistanceMetres, table.DistanceMetres(i, j));
                if (r.Geometry is { } geo)
                    Assert.InRange(geo.LengthMetres(), r.DistanceMetres * 0.99 - 2, r.DistanceMetres * 1.01 + 2);
            }
        Assert.True(ok > 1000);
    }
}
