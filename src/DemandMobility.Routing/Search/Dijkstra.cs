using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Search;

/// <summary>
/// Reference shortest-path search on a <see cref="RoadGraph"/> by travel time: Dijkstra's algorithm
/// (E. W. Dijkstra, "A note on two problems in connexion with graphs", 1959) with a binary heap and lazy
/// deletion. No speed-up technique; used as the ground truth for contraction hierarchies and in tests.
/// Also reports the length of the fastest path (ties in time: the first found).
/// </summary>
public sealed class Dijkstra
{
    private readonly RoadGraph _graph;
    private readonly int[] _duration;
    private readonly int[] _distance;
    private readonly int[] _parentEdge;
    private readonly int[] _touched;
    private int _touchedCount;
    private readonly DijkstraHeap _heap = new();

    /// <summary>Value of <see cref="ShortestPathResult.DurationMs"/> for unreachable targets.</summary>
    public const int Unreachable = int.MaxValue;

    /// <summary>Creates a reusable search over <paramref name="graph"/> (not thread-safe; one per thread).</summary>
    public Dijkstra(RoadGraph graph)
    {
        _graph = graph;
        int n = graph.NodeCount;
        _duration = new int[n];
        _distance = new int[n];
        _parentEdge = new int[n];
        _touched = new int[n];
        Array.Fill(_duration, Unreachable);
        Array.Fill(_parentEdge, -1);
    }

    /// <summary>Fastest path from <paramref name="source"/> to <paramref name="target"/>.</summary>
    public ShortestPathResult Route(int source, int target)
    {
        if ((uint)target >= (uint)_graph.NodeCount)
            throw new ArgumentOutOfRangeException(nameof(target), target, "Not a node of the graph.");
        Run(source, target);
        int d = _duration[target];
        if (d == Unreachable)
            return new ShortestPathResult(false, Unreachable, 0, []);
        var edges = new List<int>();
        for (int v = target; v != source;)
        {
            int e = _parentEdge[v];
            edges.Add(e);
            v = _graph.EdgeSource(e);
        }
        edges.Reverse();
        return new ShortestPathResult(true, d, _distance[target], edges.ToArray());
    }

    /// <summary>
    /// Durations (ms, <see cref="Unreachable"/> if none) and distances (dm) of the fastest paths from
    /// <paramref name="source"/> to every node.
    /// </summary>
    public OneToAllResult OneToAll(int source)
    {
        Run(source, -1);
        return new OneToAllResult((int[])_duration.Clone(), (int[])_distance.Clone());
    }

    private void Run(int source, int target)
    {
        if ((uint)source >= (uint)_graph.NodeCount)
            throw new ArgumentOutOfRangeException(nameof(source), source, "Not a node of the graph.");
        Reset();
        var first = _graph.FirstEdge;
        var edgeTarget = _graph.EdgeTarget;
        var edgeDuration = _graph.EdgeDurationMs;
        var edgeDistance = _graph.EdgeDistanceDm;
        Touch(source, 0, 0, -1);
        _heap.Push(source, 0);
        while (_heap.TryPop(out int v, out int d))
        {
            if (d > _duration[v])
                continue; // stale entry
            if (v == target)
                return;
            for (int e = first[v], end = first[v + 1]; e < end; e++)
            {
                int w = edgeTarget[e];
                int nd = d + edgeDuration[e];
                if (nd < _duration[w])
                {
                    Touch(w, nd, _distance[v] + edgeDistance[e], e);
                    _heap.Push(w, nd);
                }
            }
        }
    }

    private void Touch(int v, int duration, int distance, int parentEdge)
    {
        if (_duration[v] == Unreachable)
            _touched[_touchedCount++] = v;
        _duration[v] = duration;
        _distance[v] = distance;
        _parentEdge[v] = parentEdge;
    }

    private void Reset()
    {
        for (int i = 0; i < _touchedCount; i++)
        {
            int v = _touched[i];
            _duration[v] = Unreachable;
            _distance[v] = 0;
            _parentEdge[v] = -1;
        }
        _touchedCount = 0;
        _heap.Clear();
    }
}
