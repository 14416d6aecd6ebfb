using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>
/// One direction of a CH query: Dijkstra restricted to arcs towards higher-ranked nodes, with
/// stall-on-demand (Geisberger et al. 2008, section 4.1): a node whose tentative weight is beaten by a
/// path arriving from a higher-ranked neighbour cannot be on a shortest up-path, so its arcs are not
/// relaxed. The forward direction relaxes upward arcs and stalls via downward arcs; the backward
/// direction the reverse. All arrays are allocated once; <see cref="Reset"/> is O(touched).
/// </summary>
internal sealed class UpwardSearch
{
    private readonly int[] _relaxFirst, _relaxNode;
    private readonly long[] _relaxWeight;
    private readonly int[] _stallFirst, _stallNode;
    private readonly long[] _stallWeight;
    private readonly long[] _dist;
    private readonly int[] _stamp;
    private readonly int[] _parentArc;
    private readonly int[] _parentNode;
    private readonly IndexedMinHeap _heap;
    private int _now;

    public UpwardSearch(ContractionHierarchy ch, bool forward)
    {
        if (forward)
        {
            _relaxFirst = ch.UpFirst; _relaxNode = ch.UpTarget; _relaxWeight = ch.UpWeight;
            _stallFirst = ch.DownFirst; _stallNode = ch.DownSource; _stallWeight = ch.DownWeight;
        }
        else
        {
            _relaxFirst = ch.DownFirst; _relaxNode = ch.DownSource; _relaxWeight = ch.DownWeight;
            _stallFirst = ch.UpFirst; _stallNode = ch.UpTarget; _stallWeight = ch.UpWeight;
        }
        int n = ch.NodeCount;
        _dist = new long[n];
        _stamp = new int[n];
        _parentArc = new int[n];
        _parentNode = new int[n];
        _heap = new IndexedMinHeap(n);
    }

    public int QueueCount => _heap.Count;

    public long MinKey => _heap.Count > 0 ? _heap.MinKey : PathWeight.Infinity;

    public void Reset()
    {
        _heap.Clear();
        if (++_now == int.MaxValue) { Array.Clear(_stamp); _now = 1; }
    }

    public void AddSeed(int node, long weight, int seedIndex)
    {
        if (_stamp[node] == _now && _dist[node] <= weight) return;
        _stamp[node] = _now;
        _dist[node] = weight;
        _parentArc[node] = -1 - seedIndex;
        _parentNode[node] = -1;
        _heap.InsertOrDecrease(node, weight);
    }

    public bool Reached(int node) => _stamp[node] == _now;

    public long Distance(int node) => _stamp[node] == _now ? _dist[node] : PathWeight.Infinity;

    /// <summary>Arc index (in this direction's relax arrays) that reached the node, or -1-seedIndex at a seed.</summary>
    public int ParentArc(int node) => _parentArc[node];

    /// <summary>Node the parent arc came from (-1 at a seed).</summary>
    public int ParentNode(int node) => _parentNode[node];

    /// <summary>Settles the next node; returns false when it was stalled (its weight is not final-optimal).</summary>
    public bool SettleNext(out int node, out long weight)
    {
        int v = _heap.PopMin(out long d);
        node = v;
        weight = d;
        for (int i = _stallFirst[v], end = _stallFirst[v + 1]; i < end; i++)
        {
            int u = _stallNode[i];
            if (_stamp[u] == _now && _dist[u] + _stallWeight[i] < d) return false;
        }
        for (int i = _relaxFirst[v], end = _relaxFirst[v + 1]; i < end; i++)
        {
            int t = _relaxNode[i];
            long nd = d + _relaxWeight[i];
            if (_stamp[t] != _now)
            {
                _stamp[t] = _now;
            }
            else if (nd >= _dist[t])
            {
                continue;
            }
            _dist[t] = nd;
            _parentArc[t] = i;
            _parentNode[t] = v;
            _heap.InsertOrDecrease(t, nd);
        }
        return true;
    }
}
