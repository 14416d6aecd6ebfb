using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Snapping;

/// <summary>
/// Spatial index for snapping: a uniform grid of ~250 m cells, each listing the road segments (pieces of
/// edge shapes) whose bounding box touches it, stored as flat CSR arrays. A grid rather than an R-tree
/// because road density in a region varies only moderately, building is one counting pass, and a lookup
/// inspects a handful of cells in expanding rings, stopping once the ring is farther than the best hit.
/// Only edges between main-component nodes are indexed, and only one direction of a two-way road.
/// </summary>
public sealed class SegmentGrid
{
    /// <summary>Cell edge length in metres.</summary>
    public const double CellMetres = 250;

    private readonly RoadGraph _g;
    private readonly EdgeTopology _topology;
    private readonly int _minLat, _minLon, _cellLat, _cellLon, _width, _height;
    private readonly int[] _cellFirst;
    private readonly int[] _segEdge;
    private readonly int[] _segIndex;

    private SegmentGrid(RoadGraph g, EdgeTopology topology, int minLat, int minLon, int cellLat, int cellLon, int width, int height,
        int[] cellFirst, int[] segEdge, int[] segIndex)
    {
        _g = g; _topology = topology;
        _minLat = minLat; _minLon = minLon; _cellLat = cellLat; _cellLon = cellLon; _width = width; _height = height;
        _cellFirst = cellFirst; _segEdge = segEdge; _segIndex = segIndex;
    }

    /// <summary>Number of (cell, segment) entries.</summary>
    public int EntryCount => _segEdge.Length;

    /// <summary>Indexes the graph's main-component edges.</summary>
    public static SegmentGrid Build(RoadGraph g, EdgeTopology topology)
    {
        int minLat = int.MaxValue, minLon = int.MaxValue, maxLat = int.MinValue, maxLon = int.MinValue;
        for (int v = 0; v < g.NodeCount; v++)
        {
            if (!g.InMainComponent[v]) continue;
            minLat = Math.Min(minLat, g.LatitudesE7[v]); maxLat = Math.Max(maxLat, g.LatitudesE7[v]);
            minLon = Math.Min(minLon, g.LongitudesE7[v]); maxLon = Math.Max(maxLon, g.LongitudesE7[v]);
        }
        for (int i = 0; i < g.ShapeLatitudesE7.Length; i++)
        {
            minLat = Math.Min(minLat, g.ShapeLatitudesE7[i]); maxLat = Math.Max(maxLat, g.ShapeLatitudesE7[i]);
            minLon = Math.Min(minLon, g.ShapeLongitudesE7[i]); maxLon = Math.Max(maxLon, g.ShapeLongitudesE7[i]);
        }
        if (minLat > maxLat) { minLat = maxLat = minLon = maxLon = 0; }
        int cellLat = Math.Max(1, (int)(CellMetres / GeoMath.MetresPerE7Latitude));
        double midLat = (minLat + (double)maxLat) * 0.5e-7;
        int cellLon = Math.Max(1, (int)(CellMetres / GeoMath.MetresPerE7Longitude(Math.Clamp(midLat, -85, 85))));
        int width = (int)Math.Min(1 << 14, ((long)maxLon - minLon) / cellLon + 1);
        int height = (int)Math.Min(1 << 14, ((long)maxLat - minLat) / cellLat + 1);
        cellLon = Math.Max(cellLon, (int)(((long)maxLon - minLon) / width + 1));
        cellLat = Math.Max(cellLat, (int)(((long)maxLat - minLat) / height + 1));

        // Two passes over the same enumeration (count, then fill) build the CSR arrays without a temporary list.
        var counts = new int[width * height + 1];
        ForEachSegmentCell(g, topology, minLat, minLon, cellLat, cellLon, width, height, (cell, _, _) => counts[cell + 1]++);
        for (int c = 0; c < width * height; c++) counts[c + 1] += counts[c];
        var fill = (int[])counts.Clone();
        var segEdge = new int[counts[^1]];
        var segIndex = new int[counts[^1]];
        ForEachSegmentCell(g, topology, minLat, minLon, cellLat, cellLon, width, height, (cell, e, k) =>
        {
            int at = fill[cell]++;
            segEdge[at] = e;
            segIndex[at] = k;
        });
        return new SegmentGrid(g, topology, minLat, minLon, cellLat, cellLon, width, height, counts, segEdge, segIndex);
    }

    private static void ForEachSegmentCell(RoadGraph g, EdgeTopology topology, int minLat, int minLon, int cellLat, int cellLon,
        int width, int height, Action<int, int, int> visit)
    {
        for (int e = 0; e < g.EdgeCount; e++)
        {
            int a = topology.EdgeSource[e], b = g.EdgeTarget[e];
            if (!g.InMainComponent[a] || !g.InMainComponent[b]) continue;
            int r = topology.ReverseEdge[e];
            if (r >= 0 && r < e) continue;
            int count = EdgeGeometry.PointCount(g, e);
            var p = EdgeGeometry.Point(g, e, a, 0);
            for (int k = 1; k < count; k++)
            {
                var q = EdgeGeometry.Point(g, e, a, k);
                int x0 = Math.Clamp((Math.Min(p.LonE7, q.LonE7) - minLon) / cellLon, 0, width - 1);
                int x1 = Math.Clamp((Math.Max(p.LonE7, q.LonE7) - minLon) / cellLon, 0, width - 1);
                int y0 = Math.Clamp((Math.Min(p.LatE7, q.LatE7) - minLat) / cellLat, 0, height - 1);
                int y1 = Math.Clamp((Math.Max(p.LatE7, q.LatE7) - minLat) / cellLat, 0, height - 1);
                for (int y = y0; y <= y1; y++)
                    for (int x = x0; x <= x1; x++) visit(y * width + x, e, k - 1);
                p = q;
            }
        }
    }

    /// <summary>Finds the nearest indexed segment to the point within <paramref name="maxMetres"/>.</summary>
    public SnappedPoint Nearest(double latitude, double longitude, double maxMetres)
    {
        if (double.IsNaN(latitude) || double.IsNaN(longitude) || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
            return SnappedPoint.Failed(SnapStatus.InvalidCoordinate);
        double latE7 = latitude * 1e7, lonE7 = longitude * 1e7;
        double mLat = GeoMath.MetresPerE7Latitude, mLon = GeoMath.MetresPerE7Longitude(latitude);
        double cellMetres = Math.Min(_cellLat * mLat, _cellLon * mLon);

        int cx = (int)Math.Clamp(Math.Floor((lonE7 - _minLon) / _cellLon), 0, _width - 1);
        int cy = (int)Math.Clamp(Math.Floor((latE7 - _minLat) / _cellLat), 0, _height - 1);
        // Distance from the point to the grid's own cell rectangle: rings are measured from that cell.
        double outsideX = Math.Max(0, Math.Max(_minLon + (double)cx * _cellLon - lonE7, lonE7 - (_minLon + (cx + 1.0) * _cellLon))) * mLon;
        double outsideY = Math.Max(0, Math.Max(_minLat + (double)cy * _cellLat - latE7, latE7 - (_minLat + (cy + 1.0) * _cellLat))) * mLat;
        double outside = Math.Sqrt(outsideX * outsideX + outsideY * outsideY);

        double best = double.PositiveInfinity;
        int bestEntry = -1;
        double bestT = 0;
        int maxRing = Math.Max(_width, _height);
        for (int ring = 0; ring <= maxRing; ring++)
        {
            double ringMin = Math.Max(outside, Math.Max(0, ring - 1) * cellMetres);
            if (ringMin > maxMetres || ringMin > best) break;
            for (int y = cy - ring; y <= cy + ring; y++)
            {
                if (y < 0 || y >= _height) continue;
                bool edgeRow = y == cy - ring || y == cy + ring;
                for (int x = cx - ring; x <= cx + ring; x += edgeRow ? 1 : 2 * ring)
                {
                    if (x >= 0 && x < _width) ScanCell(y * _width + x, latE7, lonE7, mLat, mLon, ref best, ref bestEntry, ref bestT);
                    if (ring == 0) break;
                }
            }
        }
        if (bestEntry < 0 || best > maxMetres) return SnappedPoint.Failed(SnapStatus.TooFar, best);
        return Describe(bestEntry, bestT, best);
    }

    private void ScanCell(int cell, double latE7, double lonE7, double mLat, double mLon, ref double best, ref int bestEntry, ref double bestT)
    {
        for (int i = _cellFirst[cell], end = _cellFirst[cell + 1]; i < end; i++)
        {
            int e = _segEdge[i], k = _segIndex[i];
            int src = _topology.EdgeSource[e];
            var a = EdgeGeometry.Point(_g, e, src, k);
            var b = EdgeGeometry.Point(_g, e, src, k + 1);
            double ax = (a.LonE7 - lonE7) * mLon, ay = (a.LatE7 - latE7) * mLat;
            double bx = (b.LonE7 - lonE7) * mLon, by = (b.LatE7 - latE7) * mLat;
            double dx = bx - ax, dy = by - ay;
            double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
            double px = ax + t * dx, py = ay + t * dy;
            double d = Math.Sqrt(px * px + py * py);
            // Ties go to the lower (edge, segment) so results do not depend on cell scan order.
            if (d < best || (d == best && bestEntry >= 0 && (e < _segEdge[bestEntry] || (e == _segEdge[bestEntry] && k < _segIndex[bestEntry]))))
            {
                best = d; bestEntry = i; bestT = t;
            }
        }
    }

    private SnappedPoint Describe(int entry, double t, double distance)
    {
        int e = _segEdge[entry], k = _segIndex[entry];
        int src = _topology.EdgeSource[e];
        int count = EdgeGeometry.PointCount(_g, e);
        double before = 0, total = 0;
        int lat = 0, lon = 0;
        for (int j = 1; j < count; j++)
        {
            var a = EdgeGeometry.Point(_g, e, src, j - 1);
            var b = EdgeGeometry.Point(_g, e, src, j);
            double len = EdgeGeometry.Length(a.LatE7, a.LonE7, b.LatE7, b.LonE7);
            if (j - 1 < k) before += len;
            else if (j - 1 == k)
            {
                before += t * len;
                lat = (int)Math.Round(a.LatE7 + t * (b.LatE7 - a.LatE7));
                lon = (int)Math.Round(a.LonE7 + t * (b.LonE7 - a.LonE7));
            }
            total += len;
        }
        double fraction = total > 0 ? Math.Clamp(before / total, 0, 1) : 0;
        return new SnappedPoint(SnapStatus.Snapped, e, _topology.ReverseEdge[e], fraction, lat, lon, distance);
    }
}
