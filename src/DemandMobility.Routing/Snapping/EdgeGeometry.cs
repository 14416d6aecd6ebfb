using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Snapping;

/// <summary>
/// Geometry helpers over one edge's polyline (source node, shape points, target node), all in a local
/// equirectangular projection (metres) that is exact enough at the scale of a road segment.
/// </summary>
public static class EdgeGeometry
{
    /// <summary>Number of points of the edge polyline including both end nodes.</summary>
    public static int PointCount(RoadGraph g, int edge) => g.EdgeShapeStart[edge + 1] - g.EdgeShapeStart[edge] + 2;

    /// <summary>The k-th polyline point of the edge (0 = source node, last = target node).</summary>
    public static (int LatE7, int LonE7) Point(RoadGraph g, int edge, int sourceNode, int k)
    {
        int shapeCount = g.EdgeShapeStart[edge + 1] - g.EdgeShapeStart[edge];
        if (k == 0) return (g.LatitudesE7[sourceNode], g.LongitudesE7[sourceNode]);
        if (k == shapeCount + 1)
        {
            int t = g.EdgeTarget[edge];
            return (g.LatitudesE7[t], g.LongitudesE7[t]);
        }
        int s = g.EdgeShapeStart[edge] + k - 1;
        return (g.ShapeLatitudesE7[s], g.ShapeLongitudesE7[s]);
    }

    /// <summary>Planar length in metres between two points given in 1e-7 degrees.</summary>
    public static double Length(int lat1, int lon1, int lat2, int lon2)
    {
        double mLon = Geometry.GeoMath.MetresPerE7Longitude((lat1 + (double)lat2) * 0.5e-7);
        double dx = (lon2 - (double)lon1) * mLon;
        double dy = (lat2 - (double)lat1) * Geometry.GeoMath.MetresPerE7Latitude;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    /// <summary>Appends the part of the edge polyline between fractions <paramref name="from"/> and <paramref name="to"/> (from &lt;= to).</summary>
    public static void AppendPart(RoadGraph g, int edge, int sourceNode, double from, double to, List<int> lats, List<int> lons)
    {
        int count = PointCount(g, edge);
        double total = 0;
        for (int k = 1; k < count; k++)
        {
            var a = Point(g, edge, sourceNode, k - 1);
            var b = Point(g, edge, sourceNode, k);
            total += Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
        }
        double fromLen = from * total, toLen = to * total, run = 0;
        AppendInterpolated(g, edge, sourceNode, count, fromLen, lats, lons);
        for (int k = 1; k < count - 1; k++)
        {
            var a = Point(g, edge, sourceNode, k - 1);
            var b = Point(g, edge, sourceNode, k);
            run += Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
            if (run > fromLen && run < toLen) Add(lats, lons, b.LatE7, b.LonE7);
        }
        AppendInterpolated(g, edge, sourceNode, count, toLen, lats, lons);
    }

    /// <summary>Appends the point at length <paramref name="atLen"/> along the polyline (clamped to its ends).</summary>
    private static void AppendInterpolated(RoadGraph g, int edge, int sourceNode, int count, double atLen, List<int> lats, List<int> lons)
    {
        double run = 0;
        for (int k = 1; k < count; k++)
        {
            var a = Point(g, edge, sourceNode, k - 1);
            var b = Point(g, edge, sourceNode, k);
            double len = Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
            if (run + len >= atLen || k == count - 1)
            {
                double t = len > 0 ? Math.Clamp((atLen - run) / len, 0, 1) : 0;
                Add(lats, lons, (int)Math.Round(a.LatE7 + t * (b.LatE7 - a.LatE7)), (int)Math.Round(a.LonE7 + t * (b.LonE7 - a.LonE7)));
                return;
            }
            run += len;
        }
    }

    /// <summary>Adds a point unless it repeats the previous one (keeps geometries free of zero-length steps).</summary>
    public static void Add(List<int> lats, List<int> lons, int lat, int lon)
    {
        if (lats.Count > 0 && lats[^1] == lat && lons[^1] == lon) return;
        lats.Add(lat);
        lons.Add(lon);
    }
}
