using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Matching;

/// <summary>
/// Shortest road distances from one node up to a bound (plain Dijkstra on edge lengths, decimetres), with the
/// predecessor edge of every reached node so the path can be read back. Scratch arrays are reused between runs
/// and reset only where touched. Not thread-safe: one per matcher call.
/// </summary>
internal sealed class RouteDistanceSearch
{
    private readonly RoadGraph _g;
    private readonly long[] _dist;
    private readonly int[] _pred;
    private readonly List<int> _touched = [];
    private readonly PriorityQueue<int, long> _heap = new();

    public RouteDistanceSearch(RoadGraph graph)
    {
        _g = graph;
        _dist = new long[graph.NodeCount];
        _pred = new int[graph.NodeCount];
        Array.Fill(_dist, long.MaxValue);
        Array.Fill(_pred, -1);
    }

    /// <summary>Runs from <paramref name="source"/> until every node within <paramref name="boundDm"/> is settled.</summary>
    public void Run(int source, long boundDm)
    {
        foreach (int v in _touched) { _dist[v] = long.MaxValue; _pred[v] = -1; }
        _touched.Clear();
        _heap.Clear();
        _dist[source] = 0;
        _touched.Add(source);
        _heap.Enqueue(source, 0);
        while (_heap.TryDequeue(out int u, out long d))
        {
            if (d > _dist[u]) continue;
            if (d > boundDm) break;
            for (int e = _g.FirstEdge[u]; e < _g.FirstEdge[u + 1]; e++)
            {
                int w = _g.EdgeTarget[e];
                long nd = d + Math.Max(1, _g.EdgeDistanceDm[e]);
                if (nd >= _dist[w]) continue;
                if (_dist[w] == long.MaxValue) _touched.Add(w);
                _dist[w] = nd;
                _pred[w] = e;
                _heap.Enqueue(w, nd);
            }
        }
    }

    /// <summary>Distance in decimetres to <paramref name="node"/> from the last run's source, or long.MaxValue.</summary>
    public long DistanceDm(int node) => _dist[node];

    /// <summary>The edges from the source to <paramref name="node"/> in driving order (reached nodes only).</summary>
    public void PathTo(int node, List<int> edges, int[] edgeSource)
    {
        int start = edges.Count;
        for (int v = node; _pred[v] >= 0; v = edgeSource[_pred[v]]) edges.Add(_pred[v]);
        edges.Reverse(start, edges.Count - start);
    }
}
