namespace DemandMobility.Server.Configuration;

/// <summary>
/// The service area as a simple polygon in lon/lat degrees. Planar geometry on degrees is adequate for a
/// rural region of a few tens of kilometres (containment, not distance, is asked here).
/// </summary>
public sealed class ServiceAreaPolygon
{
    private readonly double[] _lon;
    private readonly double[] _lat;

    /// <summary>Creates the polygon from [lon, lat] pairs; a repeated closing point is dropped.</summary>
    public ServiceAreaPolygon(IReadOnlyList<double[]> lonLatPairs)
    {
        var count = lonLatPairs.Count;
        if (count > 1 && lonLatPairs[0].SequenceEqual(lonLatPairs[^1])) count--;
        _lon = new double[count];
        _lat = new double[count];
        for (var i = 0; i < count; i++)
        {
            _lon[i] = lonLatPairs[i][0];
            _lat[i] = lonLatPairs[i][1];
        }
    }

    /// <summary>Number of distinct vertices.</summary>
    public int VertexCount => _lon.Length;

    /// <summary>
    /// Point-in-polygon by ray casting (crossing-number test; W. R. Franklin, "PNPOLY – Point Inclusion in
    /// Polygon Test"): a point is inside when a ray from it crosses the boundary an odd number of times.
    /// </summary>
    public bool Contains(double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = _lon.Length - 1; i < _lon.Length; j = i++)
        {
            if ((_lat[i] > lat) != (_lat[j] > lat) &&
                lon < (_lon[j] - _lon[i]) * (lat - _lat[i]) / (_lat[j] - _lat[i]) + _lon[i])
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>
    /// Finds two non-adjacent edges that cross (O(n²), fine for hand-written polygons); null when the ring is simple.
    /// </summary>
    public (int EdgeA, int EdgeB)? FindSelfIntersection()
    {
        var n = _lon.Length;
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                if (b == a + 1 || (a == 0 && b == n - 1)) continue; // adjacent edges share a vertex
                if (SegmentsIntersect(a, (a + 1) % n, b, (b + 1) % n)) return (a, b);
            }
        }

        return null;
    }

    /// <summary>Signed area by the shoelace formula, in square degrees; 0 for a degenerate ring.</summary>
    public double SignedArea()
    {
        double sum = 0;
        for (int i = 0, j = _lon.Length - 1; i < _lon.Length; j = i++) sum += (_lon[j] * _lat[i]) - (_lon[i] * _lat[j]);
        return sum / 2;
    }

    private bool SegmentsIntersect(int p1, int p2, int q1, int q2)
    {
        var d1 = Cross(q1, q2, p1);
        var d2 = Cross(q1, q2, p2);
        var d3 = Cross(p1, p2, q1);
        var d4 = Cross(p1, p2, q2);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private double Cross(int a, int b, int c) =>
        ((_lon[b] - _lon[a]) * (_lat[c] - _lat[a])) - ((_lat[b] - _lat[a]) * (_lon[c] - _lon[a]));
}
