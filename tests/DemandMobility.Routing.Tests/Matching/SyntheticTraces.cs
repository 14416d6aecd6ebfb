using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Matching;
using DemandMobility.Routing.Search;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Tests.Matching;

/// <summary>
/// Drives the fastest path between random nodes at the graph's own edge speeds and records a fix every few
/// seconds with Gaussian noise, keeping the true edge of each fix: traces with known truth for the matcher.
/// </summary>
internal static class SyntheticTraces
{
    public sealed record Trace(List<GpsFix> Fixes, List<int> TrueEdges, int[] PathEdges);

    public static Trace Drive(RoadGraph g, EdgeTopology topology, Random random, double intervalSeconds, double noiseMetres, double minSeconds = 300)
    {
        var dijkstra = new Dijkstra(g);
        while (true)
        {
            int s = random.Next(g.NodeCount), t = random.Next(g.NodeCount);
            if (!g.InMainComponent[s] || !g.InMainComponent[t]) continue;
            var path = dijkstra.Route(s, t);
            if (!path.Found || path.DurationMs < minSeconds * 1000) continue;
            var fixes = new List<GpsFix>();
            var truth = new List<int>();
            double clock = 0, next = random.NextDouble() * intervalSeconds;
            foreach (int e in path.Edges)
            {
                double seconds = g.EdgeDurationMs[e] / 1000.0;
                while (next < clock + seconds)
                {
                    double f = (next - clock) / seconds;
                    var (lat, lon) = PointAt(g, topology, e, f);
                    double mLat = 111_320.0, mLon = 111_320.0 * Math.Cos(lat * Math.PI / 180);
                    fixes.Add(new GpsFix(lat + Gaussian(random) * noiseMetres / mLat, lon + Gaussian(random) * noiseMetres / mLon, next));
                    truth.Add(e);
                    next += intervalSeconds;
                }
                clock += seconds;
            }
            return new Trace(fixes, truth, path.Edges);
        }
    }

    /// <summary>
    /// Whether two edges are the same directed piece of road: the edge itself, or a copy the extract made by
    /// splitting a turn-restricted node (same end coordinates, same length, same direction), which no GPS fix can
    /// tell apart.
    /// </summary>
    public static bool SameRoad(RoadGraph g, EdgeTopology topology, int a, int b)
    {
        if (a == b) return true;
        int sa = topology.EdgeSource[a], sb = topology.EdgeSource[b], ta = g.EdgeTarget[a], tb = g.EdgeTarget[b];
        return g.EdgeDistanceDm[a] == g.EdgeDistanceDm[b]
            && g.LatitudesE7[sa] == g.LatitudesE7[sb] && g.LongitudesE7[sa] == g.LongitudesE7[sb]
            && g.LatitudesE7[ta] == g.LatitudesE7[tb] && g.LongitudesE7[ta] == g.LongitudesE7[tb];
    }

    /// <summary>The point at <paramref name="fraction"/> of the edge's shape length.</summary>
    public static (double Lat, double Lon) PointAt(RoadGraph g, EdgeTopology topology, int e, double fraction)
    {
        int src = topology.EdgeSource[e];
        int count = EdgeGeometry.PointCount(g, e);
        double total = 0;
        for (int k = 1; k < count; k++)
        {
            var a = EdgeGeometry.Point(g, e, src, k - 1);
            var b = EdgeGeometry.Point(g, e, src, k);
            total += EdgeGeometry.Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
        }
        double target = fraction * total, along = 0;
        for (int k = 1; k < count; k++)
        {
            var a = EdgeGeometry.Point(g, e, src, k - 1);
            var b = EdgeGeometry.Point(g, e, src, k);
            double len = EdgeGeometry.Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
            if (along + len >= target || k == count - 1)
            {
                double f = len > 0 ? Math.Clamp((target - along) / len, 0, 1) : 0;
                return ((a.LatE7 + f * (b.LatE7 - a.LatE7)) / 1e7, (a.LonE7 + f * (b.LonE7 - a.LonE7)) / 1e7);
            }
            along += len;
        }
        return (g.LatitudesE7[src] / 1e7, g.LongitudesE7[src] / 1e7);
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
