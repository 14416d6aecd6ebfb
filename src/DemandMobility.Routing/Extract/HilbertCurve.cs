namespace DemandMobility.Routing.Extract;

/// <summary>
/// Position of a point along a Hilbert curve over a 2^16 x 2^16 grid (the iterative xy-to-d conversion,
/// as in Wikipedia "Hilbert curve", section "Applications and mapping algorithms"). Numbering nodes in
/// this order keeps nearby nodes close in memory, which speeds up later graph searches.
/// </summary>
internal static class HilbertCurve
{
    public const int Order = 16;

    public static long Index(int x, int y)
    {
        const int n = 1 << Order;
        long d = 0;
        for (int s = n >> 1; s > 0; s >>= 1)
        {
            int rx = (x & s) > 0 ? 1 : 0;
            int ry = (y & s) > 0 ? 1 : 0;
            d += (long)s * s * ((3 * rx) ^ ry);
            if (ry == 0)
            {
                if (rx == 1)
                {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                (x, y) = (y, x);
            }
        }
        return d;
    }

    /// <summary>New id of every node: its rank along a Hilbert curve over the bounding box.</summary>
    public static int[] Rank(int[] lat, int[] lon)
    {
        int n = lat.Length;
        var newId = new int[n];
        if (n == 0)
            return newId;
        int minLat = int.MaxValue, maxLat = int.MinValue, minLon = int.MaxValue, maxLon = int.MinValue;
        for (int v = 0; v < n; v++)
        {
            minLat = Math.Min(minLat, lat[v]); maxLat = Math.Max(maxLat, lat[v]);
            minLon = Math.Min(minLon, lon[v]); maxLon = Math.Max(maxLon, lon[v]);
        }
        double sx = 65535.0 / Math.Max(1L, (long)maxLon - minLon);
        double sy = 65535.0 / Math.Max(1L, (long)maxLat - minLat);
        var keys = new long[n];
        var order = new int[n];
        for (int v = 0; v < n; v++)
        {
            int x = (int)((lon[v] - (long)minLon) * sx);
            int y = (int)((lat[v] - (long)minLat) * sy);
            // The node id in the low bits breaks ties (split copies share a position), so the order is
            // fully determined whatever the sort algorithm does with equal keys.
            keys[v] = (Index(x, y) << 31) | (uint)v;
            order[v] = v;
        }
        Array.Sort(keys, order);
        for (int i = 0; i < n; i++)
            newId[order[i]] = i;
        return newId;
    }
}
