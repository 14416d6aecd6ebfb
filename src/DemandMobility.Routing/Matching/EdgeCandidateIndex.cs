using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Matching;

/// <summary>
/// All road edges (both directions, main component) near a point, for the matcher's candidate sets: a uniform
/// grid of ~100 m cells listing the edges whose segments touch it (flat CSR arrays). Unlike snapping, which wants
/// the one nearest road, map matching needs every road within the search radius.
/// </summary>
public sealed class EdgeCandidateIndex
{
    private const double CellMetres = 100;
    private readonly RoadGraph _g;
    private readonly int[] _edgeSource;
    private readonly int _minLat, _minLon, _cellLat, _cellLon, _width, _height;
    private readonly int[] _cellFirst;
    private readonly int[] _cellEdges;

    /// <summary>Indexes the graph's main-component edges.</summary>
    public EdgeCandidateIndex(RoadGraph graph, EdgeTopology topology)
    {
        _g = graph;
        _edgeSource = topology.EdgeSource;
        int minLat = int.MaxValue, minLon = int.MaxValue, maxLat = int.MinValue, maxLon = int.MinValue;
        for (int v = 0; v < graph.NodeCount; v++)
        {
            minLat = Math.Min(minLat, graph.LatitudesE7[v]); maxLat = Math.Max(maxLat, graph.LatitudesE7[v]);
            minLon = Math.Min(minLon, graph.LongitudesE7[v]); maxLon = Math.Max(maxLon, graph.LongitudesE7[v]);
        }
        for (int i = 0; i < graph.ShapeLatitudesE7.Length; i++)
        {
            minLat = Math.Min(minLat, graph.ShapeLatitudesE7[i]); maxLat = Math.Max(maxLat, graph.ShapeLatitudesE7[i]);
            minLon = Math.Min(minLon, graph.ShapeLongitudesE7[i]); maxLon = Math.Max(maxLon, graph.ShapeLongitudesE7[i]);
        }
        if (minLat > maxLat) minLat = maxLat = minLon = maxLon = 0;
        _minLat = minLat; _minLon = minLon;
        _cellLat = Math.Max(1, (int)(CellMetres / GeoMath.MetresPerE7Latitude));
        _cellLon = Math.Max(1, (int)(CellMetres / GeoMath.MetresPerE7Longitude(Math.Clamp((minLat + (double)maxLat) * 0.5e-7, -85, 85))));
        _width = (int)Math.Min(4096, ((long)maxLon - minLon) / _cellLon + 1);
        _height = (int)Math.Min(4096, ((long)maxLat - minLat) / _cellLat + 1);
        _cellLon = Math.Max(_cellLon, (int)(((long)maxLon - minLon) / _width + 1));
        _cellLat = Math.Max(_cellLat, (int)(((long)maxLat - minLat) / _height + 1));

        // Count, then fill (an edge is listed once per cell even when several of its segments touch it).
        var counts = new int[_width * _height + 1];
        var last = new int[_width * _height];
        Array.Fill(last, -1);
        ForEachEdgeCell((cell, e) => { if (last[cell] != e) { last[cell] = e; counts[cell + 1]++; } });
        for (int c = 0; c < _width * _height; c++) counts[c + 1] += counts[c];
        _cellFirst = counts;
        _cellEdges = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        Array.Fill(last, -1);
        ForEachEdgeCell((cell, e) => { if (last[cell] != e) { last[cell] = e; _cellEdges[fill[cell]++] = e; } });
    }

    private void ForEachEdgeCell(Action<int, int> visit)
    {
        for (int e = 0; e < _g.EdgeCount; e++)
        {
            int a = _edgeSource[e];
            if (!_g.InMainComponent[a] || !_g.InMainComponent[_g.EdgeTarget[e]]) continue;
            int count = EdgeGeometry.PointCount(_g, e);
            var p = EdgeGeometry.Point(_g, e, a, 0);
            for (int k = 1; k < count; k++)
            {
                var q = EdgeGeometry.Point(_g, e, a, k);
                int x0 = Math.Clamp((Math.Min(p.LonE7, q.LonE7) - _minLon) / _cellLon, 0, _width - 1);
                int x1 = Math.Clamp((Math.Max(p.LonE7, q.LonE7) - _minLon) / _cellLon, 0, _width - 1);
                int y0 = Math.Clamp((Math.Min(p.LatE7, q.LatE7) - _minLat) / _cellLat, 0, _height - 1);
                int y1 = Math.Clamp((Math.Max(p.LatE7, q.LatE7) - _minLat) / _cellLat, 0, _height - 1);
                for (int y = y0; y <= y1; y++)
                    for (int x = x0; x <= x1; x++) visit(y * _width + x, e);
                p = q;
            }
        }
    }

    /// <summary>The nearest projection on every edge within <paramref name="radiusMetres"/>, nearest first (ties by edge).</summary>
    public List<EdgeCandidate> Within(double latitude, double longitude, double radiusMetres, int max)
    {
        var found = new List<EdgeCandidate>();
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude)) return found;
        double latE7 = latitude * 1e7, lonE7 = longitude * 1e7;
        double mLat = GeoMath.MetresPerE7Latitude, mLon = GeoMath.MetresPerE7Longitude(Math.Clamp(latitude, -85, 85));
        int x0 = (int)Math.Floor((lonE7 - radiusMetres / mLon - _minLon) / _cellLon), x1 = (int)Math.Floor((lonE7 + radiusMetres / mLon - _minLon) / _cellLon);
        int y0 = (int)Math.Floor((latE7 - radiusMetres / mLat - _minLat) / _cellLat), y1 = (int)Math.Floor((latE7 + radiusMetres / mLat - _minLat) / _cellLat);
        if (x1 < 0 || y1 < 0 || x0 >= _width || y0 >= _height) return found;
        var seen = new HashSet<int>();
        for (int y = Math.Max(0, y0); y <= Math.Min(_height - 1, y1); y++)
            for (int x = Math.Max(0, x0); x <= Math.Min(_width - 1, x1); x++)
            {
                int cell = y * _width + x;
                for (int i = _cellFirst[cell]; i < _cellFirst[cell + 1]; i++)
                {
                    int e = _cellEdges[i];
                    if (!seen.Add(e)) continue;
                    var c = Project(e, latE7, lonE7, mLat, mLon);
                    if (c.DistanceMetres <= radiusMetres) found.Add(c);
                }
            }
        found.Sort((a, b) => a.DistanceMetres != b.DistanceMetres ? a.DistanceMetres.CompareTo(b.DistanceMetres) : a.Edge.CompareTo(b.Edge));
        if (found.Count > max) found.RemoveRange(max, found.Count - max);
        return found;
    }

    /// <summary>Nearest point of edge <paramref name="e"/> to the point, with its fraction along the edge's shape.</summary>
    private EdgeCandidate Project(int e, double latE7, double lonE7, double mLat, double mLon)
    {
        int src = _edgeSource[e];
        int count = EdgeGeometry.PointCount(_g, e);
        double best = double.PositiveInfinity, bestAlong = 0, along = 0;
        var a = EdgeGeometry.Point(_g, e, src, 0);
        for (int k = 1; k < count; k++)
        {
            var b = EdgeGeometry.Point(_g, e, src, k);
            double ax = (a.LonE7 - lonE7) * mLon, ay = (a.LatE7 - latE7) * mLat;
            double dx = (b.LonE7 - a.LonE7) * mLon, dy = (b.LatE7 - a.LatE7) * mLat;
            double len2 = dx * dx + dy * dy, len = Math.Sqrt(len2);
            double t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
            double px = ax + t * dx, py = ay + t * dy;
            double d = Math.Sqrt(px * px + py * py);
            if (d < best) { best = d; bestAlong = along + t * len; }
            along += len;
            a = b;
        }
        return new EdgeCandidate(e, along > 0 ? Math.Clamp(bestAlong / along, 0, 1) : 0, best);
    }
}
