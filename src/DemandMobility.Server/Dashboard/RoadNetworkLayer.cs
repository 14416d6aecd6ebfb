using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Server.Dashboard;

/// <summary>One road of the map layer: its class and its shape as a Google encoded polyline (precision 5).</summary>
/// <param name="Class">The road class name (Motorway … Service).</param>
/// <param name="Line">Encoded polyline, latitude first.</param>
public sealed record MapRoad(string Class, string Line);

/// <summary>The map's road layer: the routing graph's roads down to a class, simplified, with their bounding box.</summary>
/// <param name="MinLat">Southern edge of the box around every drawn point.</param>
/// <param name="MinLon">Western edge.</param>
/// <param name="MaxLat">Northern edge.</param>
/// <param name="MaxLon">Eastern edge.</param>
/// <param name="Roads">The roads; a two-way road appears once.</param>
public sealed record RoadNetworkLayer(double MinLat, double MinLon, double MaxLat, double MaxLon, IReadOnlyList<MapRoad> Roads)
{
    /// <summary>Simplification tolerance: about a pixel at the zoom a district fills a screen.</summary>
    public const double ToleranceMetres = 8;

    /// <summary>
    /// Builds the layer from <paramref name="graph"/>: every edge of class <paramref name="smallest"/> or larger whose
    /// reverse direction was not drawn already, its shape simplified to <see cref="ToleranceMetres"/>.
    /// </summary>
    public static RoadNetworkLayer Build(RoadGraph graph, RoadClass smallest)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var drawn = new HashSet<(int, int, int)>();
        var roads = new List<MapRoad>();
        double minLat = double.MaxValue, minLon = double.MaxValue, maxLat = double.MinValue, maxLon = double.MinValue;
        var lats = new List<int>();
        var lons = new List<int>();
        for (int u = 0; u < graph.NodeCount; u++)
        {
            for (int e = graph.FirstEdge[u]; e < graph.FirstEdge[u + 1]; e++)
            {
                byte cls = graph.EdgeRoadClass[e];
                if (cls > (byte)smallest) continue;
                int v = graph.EdgeTarget[e];
                // Both directions of a two-way road share one shape; the key ignores direction (and shape length tells
                // apart two different roads between the same junctions).
                int shapeLength = graph.EdgeShapeStart[e + 1] - graph.EdgeShapeStart[e];
                if (!drawn.Add((Math.Min(u, v), Math.Max(u, v), shapeLength))) continue;
                lats.Clear();
                lons.Clear();
                lats.Add(graph.LatitudesE7[u]);
                lons.Add(graph.LongitudesE7[u]);
                for (int s = graph.EdgeShapeStart[e]; s < graph.EdgeShapeStart[e + 1]; s++)
                {
                    lats.Add(graph.ShapeLatitudesE7[s]);
                    lons.Add(graph.ShapeLongitudesE7[s]);
                }
                lats.Add(graph.LatitudesE7[v]);
                lons.Add(graph.LongitudesE7[v]);
                var (keptLat, keptLon) = Simplify(lats, lons);
                foreach (int lat in keptLat) { minLat = Math.Min(minLat, lat * 1e-7); maxLat = Math.Max(maxLat, lat * 1e-7); }
                foreach (int lon in keptLon) { minLon = Math.Min(minLon, lon * 1e-7); maxLon = Math.Max(maxLon, lon * 1e-7); }
                roads.Add(new MapRoad(((RoadClass)cls).ToString(), Polyline.Encode(keptLat, keptLon)));
            }
        }
        if (roads.Count == 0) return new RoadNetworkLayer(0, 0, 0, 0, roads);
        return new RoadNetworkLayer(minLat, minLon, maxLat, maxLon, roads);
    }

    private static (int[] Lat, int[] Lon) Simplify(List<int> lats, List<int> lons)
    {
        int n = lats.Count;
        // Local equirectangular metres around the first point: exact enough over one road segment.
        double lat0 = lats[0] * 1e-7 * Math.PI / 180;
        const double MetresPerE7 = 6_371_000 * Math.PI / 180 * 1e-7;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (lons[i] - lons[0]) * MetresPerE7 * Math.Cos(lat0);
            y[i] = (lats[i] - lats[0]) * MetresPerE7;
        }
        var keep = LineSimplifier.Keep(x, y, ToleranceMetres);
        int count = 0;
        foreach (bool k in keep) if (k) count++;
        var outLat = new int[count];
        var outLon = new int[count];
        for (int i = 0, j = 0; i < n; i++)
        {
            if (!keep[i]) continue;
            outLat[j] = lats[i];
            outLon[j] = lons[i];
            j++;
        }
        return (outLat, outLon);
    }
}
