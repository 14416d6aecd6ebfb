using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Query;

/// <summary>A seed of a turn-aware search: the turn-graph node, weight, and what it stands for on the road.</summary>
/// <param name="Node">Turn-graph node.</param>
/// <param name="Weight">Packed weight between the point and the node.</param>
/// <param name="RoadEdge">Road edge the point lies on (driven partially).</param>
/// <param name="Fraction">Position of the point along <paramref name="RoadEdge"/>.</param>
internal readonly record struct TurnSeed(int Node, long Weight, int RoadEdge, double Fraction);

/// <summary>
/// Seeds of the turn-aware graph for snapped points. As a source, a point at fraction f of road edge e starts at
/// node e ("at the end of e") with the remaining (1-f) of e, and on a two-way road at the reverse edge's node with
/// f of it. As a target, it is reached over any arc into e (or its reverse): from that arc's source node with the
/// arc's turn cost plus the first f of e, so turns onto the target's road are paid as everywhere else.
/// </summary>
internal static class TurnSeeds
{
    public static void Sources(TurnGraph tg, int[] edgeMs, in SnappedPoint p, List<TurnSeed> seeds)
    {
        seeds.Clear();
        seeds.Add(new TurnSeed(p.Edge, Part(tg.Road, edgeMs, p.Edge, 1 - p.Fraction), p.Edge, p.Fraction));
        if (p.ReverseEdge >= 0)
            seeds.Add(new TurnSeed(p.ReverseEdge, Part(tg.Road, edgeMs, p.ReverseEdge, p.Fraction), p.ReverseEdge, 1 - p.Fraction));
    }

    public static void Targets(TurnGraph tg, int[] edgeMs, in SnappedPoint p, List<TurnSeed> seeds)
    {
        seeds.Clear();
        Into(tg, edgeMs, p.Edge, p.Fraction, seeds);
        if (p.ReverseEdge >= 0) Into(tg, edgeMs, p.ReverseEdge, 1 - p.Fraction, seeds);
    }

    private static void Into(TurnGraph tg, int[] edgeMs, int edge, double fraction, List<TurnSeed> seeds)
    {
        long part = Part(tg.Road, edgeMs, edge, fraction);
        for (int i = tg.IntoRoadEdgeFirst[edge]; i < tg.IntoRoadEdgeFirst[edge + 1]; i++)
        {
            int arc = tg.IntoRoadEdgeArc[i];
            seeds.Add(new TurnSeed(tg.ArcSource[arc], part + PathWeight.Pack(tg.ArcTurnMs[arc], 0), edge, fraction));
        }
    }

    /// <summary>Packed weight of the given fraction of a road edge under a metric (rounded to whole ms and dm).</summary>
    public static long Part(RoadGraph g, int[] edgeMs, int edge, double fraction)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        return PathWeight.Pack((int)Math.Round(edgeMs[edge] * fraction), (int)Math.Round(g.EdgeDistanceDm[edge] * fraction));
    }

    /// <summary>Weight of driving from s to t along their common road without a turn, or infinity (as <see cref="SnapSeeds.Direct"/>).</summary>
    public static long Direct(RoadGraph g, int[] edgeMs, in SnappedPoint s, in SnappedPoint t, out bool viaReverse, out double fromFraction, out double toFraction)
    {
        viaReverse = false; fromFraction = 0; toFraction = 0;
        double tf;
        if (t.Edge == s.Edge) tf = t.Fraction;
        else if (s.ReverseEdge >= 0 && t.Edge == s.ReverseEdge) tf = 1 - t.Fraction;
        else return PathWeight.Infinity;
        long best = PathWeight.Infinity;
        if (tf >= s.Fraction)
        {
            best = Part(g, edgeMs, s.Edge, tf - s.Fraction);
            fromFraction = s.Fraction; toFraction = tf;
        }
        if (s.ReverseEdge >= 0 && tf <= s.Fraction)
        {
            long w = Part(g, edgeMs, s.ReverseEdge, s.Fraction - tf);
            if (w < best) { best = w; viaReverse = true; fromFraction = 1 - s.Fraction; toFraction = 1 - tf; }
        }
        return best;
    }
}
