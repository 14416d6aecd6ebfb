using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Query;

/// <summary>
/// One-to-one CH query on the turn-aware graph: the bidirectional upward search of <see cref="PointToPointQuery"/>
/// seeded by <see cref="TurnSeeds"/>; the unpacked hierarchy arcs are turn-graph arcs, each standing for the road
/// edge it enters.
/// </summary>
internal static class TurnPointToPointQuery
{
    public static PointToPointResult Run(ContractionHierarchy ch, TurnGraph tg, int[] edgeMs, QueryState st,
        in SnappedPoint s, in SnappedPoint t, bool withPath)
    {
        long best = TurnSeeds.Direct(tg.Road, edgeMs, s, t, out bool directReverse, out double directFrom, out double directTo);
        int meet = -1;
        var fw = st.Forward;
        var bw = st.Backward;
        fw.Reset();
        bw.Reset();
        var sourceSeeds = st.SourceSeeds;
        var targetSeeds = st.TargetSeeds;
        TurnSeeds.Sources(tg, edgeMs, s, sourceSeeds);
        TurnSeeds.Targets(tg, edgeMs, t, targetSeeds);
        for (int i = 0; i < sourceSeeds.Count; i++) fw.AddSeed(sourceSeeds[i].Node, sourceSeeds[i].Weight, i);
        for (int i = 0; i < targetSeeds.Count; i++) bw.AddSeed(targetSeeds[i].Node, targetSeeds[i].Weight, i);

        while (true)
        {
            long kf = fw.MinKey, kb = bw.MinKey;
            if (Math.Min(kf, kb) >= best) break;
            var (mine, other) = kf <= kb ? (fw, bw) : (bw, fw);
            if (mine.SettleNext(out int v, out long d) && other.Reached(v))
            {
                long w = d + other.Distance(v);
                if (w < best) { best = w; meet = v; }
            }
        }
        if (best >= PathWeight.Infinity) return new PointToPointResult(PathWeight.Infinity, null, 0, 0);
        if (!withPath) return new PointToPointResult(best, null, 0, 0);

        var edges = new List<int>();
        if (meet < 0)
        {
            edges.Add(directReverse ? s.ReverseEdge : s.Edge);
            return new PointToPointResult(best, edges, directFrom, directTo);
        }

        var arcs = st.Arcs;
        arcs.Clear();
        int v2 = meet;
        while (fw.ParentArc(v2) >= 0)
        {
            int arc = fw.ParentArc(v2);
            int p = fw.ParentNode(v2);
            arcs.Add((p, v2, ch.UpInfo[arc]));
            v2 = p;
        }
        var first = sourceSeeds[-1 - fw.ParentArc(v2)];
        edges.Add(first.RoadEdge);
        var turnArcs = new List<int>();
        for (int i = arcs.Count - 1; i >= 0; i--)
            PathUnpacker.Append(ch, arcs[i].From, arcs[i].To, arcs[i].Info, turnArcs, st.UnpackStack);
        v2 = meet;
        while (bw.ParentArc(v2) >= 0)
        {
            int arc = bw.ParentArc(v2);
            int p = bw.ParentNode(v2);
            PathUnpacker.Append(ch, v2, p, ch.DownInfo[arc], turnArcs, st.UnpackStack);
            v2 = p;
        }
        foreach (int a in turnArcs) edges.Add(tg.RoadEdgeOf[tg.ArcTarget[a]]);
        var last = targetSeeds[-1 - bw.ParentArc(v2)];
        edges.Add(last.RoadEdge);
        return new PointToPointResult(best, edges, first.Fraction, last.Fraction);
    }
}
