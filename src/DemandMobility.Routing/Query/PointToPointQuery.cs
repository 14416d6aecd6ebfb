using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Query;

/// <summary>
/// One-to-one CH query (Geisberger et al. 2008, section 4): a forward upward search from the source seeds
/// and a backward upward search from the target seeds, alternating by smallest key, each with
/// stall-on-demand; the shortest path meets at its highest-ranked node. Stops when both queue heads are no
/// better than the best meeting weight.
/// </summary>
internal static class PointToPointQuery
{
    public static PointToPointResult Run(ContractionHierarchy ch, RoadGraph g, EdgeTopology topo, QueryState st,
        in SnappedPoint s, in SnappedPoint t, bool withPath)
    {
        long best = SnapSeeds.Direct(g, s, t, out bool directReverse, out double directFrom, out double directTo);
        int meet = -1;
        var fw = st.Forward;
        var bw = st.Backward;
        fw.Reset();
        bw.Reset();
        Span<SearchSeed> seeds = stackalloc SearchSeed[2];
        int c = SnapSeeds.Sources(g, topo, s, seeds);
        for (int i = 0; i < c; i++) fw.AddSeed(seeds[i].Node, seeds[i].Weight, i);
        c = SnapSeeds.Targets(g, topo, t, seeds);
        for (int i = 0; i < c; i++) bw.AddSeed(seeds[i].Node, seeds[i].Weight, i);

        while (true)
        {
            long kf = fw.MinKey, kb = bw.MinKey;
            if (Math.Min(kf, kb) >= best) break;
            if (kf <= kb)
            {
                if (fw.SettleNext(out int v, out long d) && bw.Reached(v))
                {
                    long w = d + bw.Distance(v);
                    if (w < best) { best = w; meet = v; }
                }
            }
            else
            {
                if (bw.SettleNext(out int v, out long d) && fw.Reached(v))
                {
                    long w = d + fw.Distance(v);
                    if (w < best) { best = w; meet = v; }
                }
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

        // Forward half: walk parents from the meeting node back to a source seed, then unpack in order.
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
        int sourceSeed = -1 - fw.ParentArc(v2);
        edges.Add(sourceSeed == 0 ? s.Edge : s.ReverseEdge);
        double firstFrom = sourceSeed == 0 ? s.Fraction : 1 - s.Fraction;
        for (int i = arcs.Count - 1; i >= 0; i--)
            PathUnpacker.Append(ch, arcs[i].From, arcs[i].To, arcs[i].Info, edges, st.UnpackStack);

        // Backward half: parents lead from the meeting node towards the target seed, already in driving order.
        v2 = meet;
        while (bw.ParentArc(v2) >= 0)
        {
            int arc = bw.ParentArc(v2);
            int p = bw.ParentNode(v2);
            PathUnpacker.Append(ch, v2, p, ch.DownInfo[arc], edges, st.UnpackStack);
            v2 = p;
        }
        int targetSeed = -1 - bw.ParentArc(v2);
        edges.Add(targetSeed == 0 ? t.Edge : t.ReverseEdge);
        double lastTo = targetSeed == 0 ? t.Fraction : 1 - t.Fraction;
        return new PointToPointResult(best, edges, firstFrom, lastTo);
    }

    /// <summary>Packed weight between two graph nodes (no snapping); for tests and diagnostics.</summary>
    public static long NodeToNode(ContractionHierarchy ch, QueryState st, int source, int target)
    {
        var fw = st.Forward;
        var bw = st.Backward;
        fw.Reset();
        bw.Reset();
        fw.AddSeed(source, 0, 0);
        bw.AddSeed(target, 0, 0);
        long best = PathWeight.Infinity;
        while (true)
        {
            long kf = fw.MinKey, kb = bw.MinKey;
            if (Math.Min(kf, kb) >= best) break;
            var (mine, other) = kf <= kb ? (fw, bw) : (bw, fw);
            if (mine.SettleNext(out int v, out long d) && other.Reached(v))
                best = Math.Min(best, d + other.Distance(v));
        }
        return best;
    }
}
