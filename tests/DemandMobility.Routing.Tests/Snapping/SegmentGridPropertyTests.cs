using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Snapping;
using DemandMobility.Routing.Tests.Contraction;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Snapping;

public class SegmentGridPropertyTests
{
    private static readonly Lazy<RoadRouter> Router = new(() => RoadRouter.Build(TestNetworks.RandomGrid(20, 15, seed: 77)));

    /// <summary>Brute force over every main-component edge segment, same planar metric as the grid.</summary>
    private static double BruteForceMetres(RoadRouter router, double lat, double lon)
    {
        var g = router.Graph;
        double mLat = GeoMath.MetresPerE7Latitude, mLon = GeoMath.MetresPerE7Longitude(lat);
        double best = double.PositiveInfinity;
        for (int e = 0; e < g.EdgeCount; e++)
        {
            int src = g.EdgeSource(e);
            if (!g.InMainComponent[src] || !g.InMainComponent[g.EdgeTarget[e]]) continue;
            for (int k = 0; k + 1 < EdgeGeometry.PointCount(g, e); k++)
            {
                var a = EdgeGeometry.Point(g, e, src, k);
                var b = EdgeGeometry.Point(g, e, src, k + 1);
                double ax = (a.LonE7 - lon * 1e7) * mLon, ay = (a.LatE7 - lat * 1e7) * mLat;
                double dx = (b.LonE7 - a.LonE7) * mLon, dy = (b.LatE7 - a.LatE7) * mLat;
                double len2 = dx * dx + dy * dy;
                double t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
                double px = ax + t * dx, py = ay + t * dy;
                best = Math.Min(best, Math.Sqrt(px * px + py * py));
            }
        }
        return best;
    }

    [Fact]
    public void Grid_lookup_finds_the_same_nearest_distance_as_brute_force()
    {
        var router = Router.Value;
        // Points over the network and up to ~1 km around it, so both hits and misses occur.
        var gen = from dy in Gen.Choose(-600, 3300)
                  from dx in Gen.Choose(-400, 6000)
                  select (Lat: TestNetworks.BaseLat + dy * 1e-5, Lon: TestNetworks.BaseLon + dx * 1e-5);
        Prop.ForAll(Arb.From(gen), p =>
        {
            double expected = BruteForceMetres(router, p.Lat, p.Lon);
            var snap = router.Nearest(p.Lat, p.Lon);
            if (expected > router.Options.MaxSnapDistanceMetres + 1e-6) return snap.Status == SnapStatus.TooFar;
            return snap.IsSnapped && Math.Abs(snap.DistanceMetres - expected) < 1e-6;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Table_with_distinct_destinations_and_empty_inputs()
    {
        var router = Router.Value;
        var a = new GeoCoordinate(TestNetworks.BaseLat + 0.005, TestNetworks.BaseLon + 0.01);
        var b = new GeoCoordinate(TestNetworks.BaseLat + 0.015, TestNetworks.BaseLon + 0.03);
        var t = router.Table(new TableRequest([a], [a, b]));
        Assert.Equal(1, t.SourceCount);
        Assert.Equal(2, t.DestinationCount);
        Assert.Equal(0, t.DurationSeconds(0, 0));
        var r = router.Route(new RouteRequest(a, b, false));
        Assert.Equal(r.DurationSeconds, t.DurationSeconds(0, 1));
        var empty = router.Table(new TableRequest([], [a]));
        Assert.Equal(0, empty.SourceCount);
        Assert.Empty(empty.DurationsMs);
    }
}
