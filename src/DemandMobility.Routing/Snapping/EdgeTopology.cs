using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Snapping;

/// <summary>Per-edge source node and opposite-direction edge, derived once from a <see cref="RoadGraph"/>.</summary>
public sealed class EdgeTopology
{
    private EdgeTopology(int[] source, int[] reverse)
    {
        EdgeSource = source;
        ReverseEdge = reverse;
    }

    /// <summary>Source node of each edge.</summary>
    public int[] EdgeSource { get; }

    /// <summary>The edge running the other way over the same shape, or -1 (one-way road).</summary>
    public int[] ReverseEdge { get; }

    /// <summary>Derives the topology; a reverse edge must join the same nodes with the mirrored shape.</summary>
    public static EdgeTopology Build(RoadGraph g)
    {
        int m = g.EdgeCount;
        var source = new int[m];
        for (int v = 0; v < g.NodeCount; v++)
            for (int e = g.FirstEdge[v]; e < g.FirstEdge[v + 1]; e++) source[e] = v;
        var reverse = new int[m];
        Array.Fill(reverse, -1);
        for (int e = 0; e < m; e++)
        {
            if (reverse[e] >= 0) continue;
            int a = source[e], b = g.EdgeTarget[e];
            for (int r = g.FirstEdge[b]; r < g.FirstEdge[b + 1]; r++)
            {
                if (r == e || g.EdgeTarget[r] != a || reverse[r] >= 0 || !MirroredShape(g, e, r)) continue;
                reverse[e] = r;
                reverse[r] = e;
                break;
            }
        }
        MatchAcrossSplitNodes(g, source, reverse);
        return new EdgeTopology(source, reverse);
    }

    /// <summary>
    /// Turn restrictions are applied by splitting a via node into copies at the same coordinate, so the two
    /// directions of a road at such a junction can end at different copies. Pair the remaining edges by end
    /// coordinates and mirrored shape, so that a point on that road can still be driven both ways.
    /// </summary>
    private static void MatchAcrossSplitNodes(RoadGraph g, int[] source, int[] reverse)
    {
        int m = g.EdgeCount;
        var head = new Dictionary<(long From, long To), int>();
        var next = new int[m];
        for (int e = 0; e < m; e++)
        {
            if (reverse[e] >= 0) continue;
            var key = (Coord(g, source[e]), Coord(g, g.EdgeTarget[e]));
            next[e] = head.TryGetValue(key, out int h) ? h : -1;
            head[key] = e;
        }
        for (int e = 0; e < m; e++)
        {
            if (reverse[e] >= 0) continue;
            if (!head.TryGetValue((Coord(g, g.EdgeTarget[e]), Coord(g, source[e])), out int r)) continue;
            for (; r >= 0; r = next[r])
            {
                if (r == e || reverse[r] >= 0 || !MirroredShape(g, e, r)) continue;
                reverse[e] = r;
                reverse[r] = e;
                break;
            }
        }
    }

    private static long Coord(RoadGraph g, int v) => ((long)g.LatitudesE7[v] << 32) | (uint)g.LongitudesE7[v];

    private static bool MirroredShape(RoadGraph g, int e, int r)
    {
        int es = g.EdgeShapeStart[e], ec = g.EdgeShapeStart[e + 1] - es;
        int rs = g.EdgeShapeStart[r], rc = g.EdgeShapeStart[r + 1] - rs;
        if (ec != rc) return false;
        for (int i = 0; i < ec; i++)
        {
            int j = rs + rc - 1 - i;
            if (g.ShapeLatitudesE7[es + i] != g.ShapeLatitudesE7[j] || g.ShapeLongitudesE7[es + i] != g.ShapeLongitudesE7[j]) return false;
        }
        return true;
    }
}
