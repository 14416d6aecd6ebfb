using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Query;
using DemandMobility.Routing.Snapping;
using DemandMobility.Routing.Tests.Contraction;

namespace DemandMobility.Routing.Tests.Query;

/// <summary>
/// The test oracle of the turn-aware engine: plain Dijkstra over the turn graph's arcs (turn cost + travel time of
/// the entered road edge), from the source point's edge(s) to every arc into the target point's edge(s), plus the
/// drive along a common road. Shares no search code with the hierarchy.
/// </summary>
internal static class TurnAwareReference
{
    public static long Weight(TurnGraph tg, SnappedPoint s, SnappedPoint t)
    {
        var g = tg.Road;
        var search = tg.SearchGraph();
        long best = PathWeight.Infinity;
        var sources = new List<(int Node, long W)> { (s.Edge, Part(g, s.Edge, 1 - s.Fraction)) };
        if (s.ReverseEdge >= 0) sources.Add((s.ReverseEdge, Part(g, s.ReverseEdge, s.Fraction)));
        var targets = new List<(int Edge, double F)> { (t.Edge, t.Fraction) };
        if (t.ReverseEdge >= 0) targets.Add((t.ReverseEdge, 1 - t.Fraction));
        foreach (var (node, w) in sources)
        {
            var d = ReferenceDijkstra.From(search, node);
            for (int a = 0; a < tg.ArcCount; a++)
            {
                int into = tg.RoadEdgeOf[tg.ArcTarget[a]];
                foreach (var (edge, f) in targets)
                {
                    if (into != edge || d[tg.ArcSource[a]] >= PathWeight.Infinity) continue;
                    best = Math.Min(best, w + d[tg.ArcSource[a]] + PathWeight.Pack(tg.ArcTurnMs[a], 0) + Part(g, edge, f));
                }
            }
        }
        // Along the common road without a turn (t expressed on s's edge direction).
        double? tf = t.Edge == s.Edge ? t.Fraction : s.ReverseEdge >= 0 && t.Edge == s.ReverseEdge ? 1 - t.Fraction : null;
        if (tf is { } f2 && f2 >= s.Fraction) best = Math.Min(best, Part(g, s.Edge, f2 - s.Fraction));
        if (tf is { } f3 && s.ReverseEdge >= 0 && f3 <= s.Fraction) best = Math.Min(best, Part(g, s.ReverseEdge, s.Fraction - f3));
        return best;
    }

    private static long Part(RoadGraph g, int e, double f)
    {
        f = Math.Clamp(f, 0, 1);
        return PathWeight.Pack((int)Math.Round(g.EdgeDurationMs[e] * f), (int)Math.Round(g.EdgeDistanceDm[e] * f));
    }
}
