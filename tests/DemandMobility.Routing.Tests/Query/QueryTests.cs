using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Query;
using DemandMobility.Routing.Tests.Contraction;
using Xunit;

namespace DemandMobility.Routing.Tests.Query;

public class QueryTests
{
    private static readonly Lazy<RoadRouter> Router = new(() => RoadRouter.BuildNodeBased(TestNetworks.RandomGrid(30, 25, seed: 42)));

    private static List<GeoCoordinate> RandomPoints(int count, int seed)
    {
        var rnd = new Random(seed);
        var pts = new List<GeoCoordinate>();
        for (int i = 0; i < count; i++)
            pts.Add(new GeoCoordinate(TestNetworks.BaseLat + rnd.NextDouble() * 0.0018 * 25, TestNetworks.BaseLon + rnd.NextDouble() * 0.0027 * 30));
        return pts;
    }

    [Fact]
    public void Matrix_equals_repeated_one_to_one_routes()
    {
        var router = Router.Value;
        var sources = RandomPoints(30, 1);
        var targets = RandomPoints(25, 2);
        targets.Add(new GeoCoordinate(60, 11)); // unsnappable: its column must be unreachable, not zero
        var table = router.Table(new TableRequest(sources, targets));
        int checkedCells = 0;
        for (int i = 0; i < sources.Count; i++)
            for (int j = 0; j < targets.Count; j++)
            {
                var r = router.Route(new RouteRequest(sources[i], targets[j], IncludeGeometry: false));
                if (r.IsOk)
                {
                    Assert.Equal(r.DurationSeconds, table.DurationSeconds(i, j));
                    Assert.Equal(r.DistanceMetres, table.DistanceMetres(i, j));
                    checkedCells++;
                }
                else
                {
                    Assert.False(table.IsReachable(i, j));
                    Assert.Null(table.DurationSeconds(i, j));
                }
            }
        Assert.True(checkedCells > 500);
        Assert.Equal(25, table.SnappedDestinations.Length);
        Assert.DoesNotContain(25, table.SnappedDestinations);
    }

    [Fact]
    public void Square_matrix_has_zero_diagonal_for_snapped_points()
    {
        var router = Router.Value;
        var pts = RandomPoints(20, 3);
        var table = router.Table(new TableRequest(pts));
        for (int i = 0; i < pts.Count; i++) Assert.Equal(0, table.DurationsMs[i * pts.Count + i]);
    }

    [Fact]
    public void Route_weight_equals_dijkstra_from_the_snapped_edges()
    {
        var router = Router.Value;
        var g = router.Graph;
        var pts = RandomPoints(40, 4);
        for (int k = 0; k + 1 < pts.Count; k += 2)
        {
            var s = router.Nearest(pts[k].Latitude, pts[k].Longitude);
            var t = router.Nearest(pts[k + 1].Latitude, pts[k + 1].Longitude);
            // Oracle: from each source seed node run Dijkstra and add the target seed parts.
            long best = PathWeight.Infinity;
            var sSeeds = new List<(int Node, long W)> { (g.EdgeTarget[s.Edge], Part(g, s.Edge, 1 - s.Fraction)) };
            if (s.ReverseEdge >= 0) sSeeds.Add((g.EdgeTarget[s.ReverseEdge], Part(g, s.ReverseEdge, s.Fraction)));
            var tSeeds = new List<(int Node, long W)> { (g.EdgeSource(t.Edge), Part(g, t.Edge, t.Fraction)) };
            if (t.ReverseEdge >= 0) tSeeds.Add((g.EdgeSource(t.ReverseEdge), Part(g, t.ReverseEdge, 1 - t.Fraction)));
            foreach (var (node, w) in sSeeds)
            {
                var d = ReferenceDijkstra.From(g, node);
                foreach (var (tn, tw) in tSeeds)
                    if (d[tn] < PathWeight.Infinity) best = Math.Min(best, w + d[tn] + tw);
            }
            if (s.Edge == t.Edge && t.Fraction >= s.Fraction) best = Math.Min(best, Part(g, s.Edge, t.Fraction - s.Fraction));
            if (s.Edge == t.Edge && s.ReverseEdge >= 0 && t.Fraction <= s.Fraction) best = Math.Min(best, Part(g, s.ReverseEdge, s.Fraction - t.Fraction));
            Assert.Equal(best, router.Weight(s, t));
        }
    }

    private static long Part(Graph.RoadGraph g, int e, double f) =>
        PathWeight.Pack((int)Math.Round(g.EdgeDurationMs[e] * f), (int)Math.Round(g.EdgeDistanceDm[e] * f));

    [Fact]
    public void Unpacked_path_is_continuous_and_geometry_length_matches_distance()
    {
        var router = Router.Value;
        var g = router.Graph;
        var pts = RandomPoints(60, 5);
        int routes = 0;
        for (int k = 0; k + 1 < pts.Count; k += 2)
        {
            var s = router.Nearest(pts[k].Latitude, pts[k].Longitude);
            var t = router.Nearest(pts[k + 1].Latitude, pts[k + 1].Longitude);
            var edges = router.PathEdges(s, t);
            if (edges is null) continue;
            for (int i = 1; i < edges.Count; i++) Assert.Equal(g.EdgeTarget[edges[i - 1]], g.EdgeSource(edges[i]));
            var r = router.Route(new RouteRequest(pts[k], pts[k + 1]));
            Assert.Equal(RouteStatus.Ok, r.Status);
            var geo = r.Geometry!;
            Assert.Equal(s.LatitudeE7, geo.LatitudesE7[0]);
            Assert.Equal(s.LongitudeE7, geo.LongitudesE7[0]);
            Assert.Equal(t.LatitudeE7, geo.LatitudesE7[^1], 2.0);
            // Planar projection vs haversine and dm rounding: within 0.5 % + 1 m.
            Assert.InRange(geo.LengthMetres(), r.DistanceMetres * 0.995 - 1, r.DistanceMetres * 1.005 + 1);
            var decoded = Polyline.Decode(geo.ToEncodedPolyline());
            Assert.Equal(geo.ToGeoJsonCoordinates()[0][1], decoded[0].Lat, 4);
            routes++;
        }
        Assert.True(routes >= 20);
    }

    [Fact]
    public void Concurrent_routes_give_the_same_answers_as_sequential_ones()
    {
        var router = Router.Value;
        var pts = RandomPoints(200, 6);
        var expected = new double[100];
        for (int k = 0; k < 100; k++) expected[k] = router.Route(new RouteRequest(pts[2 * k], pts[2 * k + 1], false)).DurationSeconds;
        var actual = new double[100];
        Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
            actual[k] = router.Route(new RouteRequest(pts[2 * k], pts[2 * k + 1], false)).DurationSeconds);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Tables_reusing_pooled_buckets_stay_exact_across_shapes_and_threads()
    {
        // Each call leaves its bucket buffers to the next; a head not reset would leak stale entries into it.
        var router = RoadRouter.Build(TestNetworks.RandomGrid(20, 18, seed: 7), new RouterOptions(MaxParallelism: 2));
        var shapes = new (int Sources, int Targets)[] { (40, 3), (2, 40), (1, 1), (25, 25), (3, 60), (60, 2) };
        var results = new bool[shapes.Length * 4];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 3 }, k =>
        {
            var (sc, tc) = shapes[k % shapes.Length];
            var sources = RandomPoints(sc, 100 + k);
            var targets = RandomPoints(tc, 200 + k);
            var table = router.Table(new TableRequest(sources, targets));
            bool ok = true;
            for (int i = 0; i < sc; i++)
                for (int j = 0; j < tc; j++)
                {
                    var r = router.Route(new RouteRequest(sources[i], targets[j], IncludeGeometry: false));
                    ok &= r.IsOk ? table.DurationSeconds(i, j) == r.DurationSeconds : !table.IsReachable(i, j);
                }
            results[k] = ok;
        });
        Assert.All(results, Assert.True);
    }
}
