using System.Runtime.InteropServices;
using DemandMobility.Routing.Query;

namespace DemandMobility.Routing.Contraction;

/// <summary>
/// Bounded local Dijkstra that looks for a path avoiding the node being contracted (Geisberger et al. 2008,
/// section 3.2 "witness search"): it stops at a weight bound or after a number of settled nodes. Stopping
/// early may only add superfluous shortcuts. State is timestamped so a run costs only what it touches.
/// </summary>
internal sealed class WitnessSearch
{
    private readonly long[] _dist;
    private readonly int[] _stamp;
    private readonly IndexedMinHeap _heap;
    private int _now;

    public WitnessSearch(int nodeCount)
    {
        _dist = new long[nodeCount];
        _stamp = new int[nodeCount];
        _heap = new IndexedMinHeap(nodeCount);
    }

    public void Run(OverlayGraph g, int source, int excluded, long maxWeight, int settledLimit)
    {
        _heap.Clear();
        if (++_now == int.MaxValue) { Array.Clear(_stamp); _now = 1; }
        _stamp[source] = _now;
        _dist[source] = 0;
        _heap.InsertOrDecrease(source, 0);
        int settled = 0;
        while (_heap.Count > 0)
        {
            int v = _heap.PopMin(out long d);
            if (d > maxWeight || ++settled > settledLimit) break;
            var arcs = CollectionsMarshal.AsSpan(g.Out[v]);
            for (int i = 0; i < arcs.Length; i++)
            {
                int t = arcs[i].Node;
                if (t == excluded) continue;
                long nd = d + arcs[i].Weight;
                if (nd > maxWeight) continue;
                if (_stamp[t] != _now) { _stamp[t] = _now; _dist[t] = nd; _heap.InsertOrDecrease(t, nd); }
                else if (nd < _dist[t]) { _dist[t] = nd; _heap.InsertOrDecrease(t, nd); }
            }
        }
    }

    /// <summary>Best weight found to node in the last run (an upper bound), or infinity.</summary>
    public long Distance(int node) => _stamp[node] == _now ? _dist[node] : PathWeight.Infinity;
}
