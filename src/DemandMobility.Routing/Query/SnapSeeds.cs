using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Turns snapped points into search seeds. A point at fraction f of edge a→b starts a forward search at b
/// with the remaining (1-f) of the edge's weight, and, on a two-way road, at a with f of the reverse edge's
/// weight; as a target it is reached from a (plus f of the edge) or from b (plus 1-f of the reverse edge).
/// </summary>
internal static class SnapSeeds
{
    /// <summary>Seed index 0 = along <c>Edge</c>, 1 = along <c>ReverseEdge</c>.</summary>
    public static int Sources(RoadGraph g, EdgeTopology topo, in SnappedPoint p, Span<SearchSeed> seeds)
    {
        seeds[0] = new SearchSeed(g.EdgeTarget[p.Edge], Part(g, p.Edge, 1 - p.Fraction));
        if (p.ReverseEdge < 0) return 1;
        seeds[1] = new SearchSeed(g.EdgeTarget[p.ReverseEdge], Part(g, p.ReverseEdge, p.Fraction));
        return 2;
    }

    /// <summary>Seed index 0 = along <c>Edge</c>, 1 = along <c>ReverseEdge</c>.</summary>
    public static int Targets(RoadGraph g, EdgeTopology topo, in SnappedPoint p, Span<SearchSeed> seeds)
    {
        seeds[0] = new SearchSeed(topo.EdgeSource[p.Edge], Part(g, p.Edge, p.Fraction));
        if (p.ReverseEdge < 0) return 1;
        seeds[1] = new SearchSeed(topo.EdgeSource[p.ReverseEdge], Part(g, p.ReverseEdge, 1 - p.Fraction));
        return 2;
    }

    /// <summary>Packed weight of the given fraction of an edge (rounded to whole ms and dm).</summary>
    public static long Part(RoadGraph g, int edge, double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        return PathWeight.Pack((int)Math.Round(g.EdgeDurationMs[edge] * fraction), (int)Math.Round(g.EdgeDistanceDm[edge] * fraction));
    }

    /// <summary>
    /// Weight of driving from s to t without leaving their common road (both on the same edge or its reverse),
    /// or infinity. <paramref name="viaReverse"/> tells which direction the best direct drive uses.
    /// </summary>
    public static long Direct(RoadGraph g, in SnappedPoint s, in SnappedPoint t, out bool viaReverse, out double fromFraction, out double toFraction)
    {
        viaReverse = false; fromFraction = 0; toFraction = 0;
        double tf;
        if (t.Edge == s.Edge) tf = t.Fraction;
        else if (s.ReverseEdge >= 0 && t.Edge == s.ReverseEdge) tf = 1 - t.Fraction;
        else return PathWeight.Infinity;
        long best = PathWeight.Infinity;
        if (tf >= s.Fraction)
        {
            best = Part(g, s.Edge, tf - s.Fraction);
            fromFraction = s.Fraction; toFraction = tf;
        }
        if (s.ReverseEdge >= 0 && tf <= s.Fraction)
        {
            long w = Part(g, s.ReverseEdge, s.Fraction - tf);
            if (w < best)
            {
                best = w; viaReverse = true; fromFraction = 1 - s.Fraction; toFraction = 1 - tf;
            }
        }
        return best;
    }
}
