using DemandMobility.Routing.Geometry;

namespace DemandMobility.Routing.Query;

/// <summary>
/// The buckets of the bucket many-to-many algorithm (Knopp, Schultes, Sanders, Schulz and Wagner 2007, "Computing
/// Many-to-Many Shortest Paths Using Highway Hierarchies", section 3) kept across queries for a growing set of
/// points: for every kept point, the (point, weight) entries its upward search leaves at each node it settles
/// without stalling. One direction per instance: backward searches of kept targets, or forward searches of kept
/// sources. Entries live in a compact per-node array (read sequentially by a scan) plus a linked list of the entries
/// added since the last compaction; compaction is a counting sort by node, run when the list has grown to half the
/// compact part, so its cost is amortised over the additions. Not thread-safe: <see cref="KeptPointTable"/> locks.
/// </summary>
internal sealed class KeptBuckets
{
    private readonly int _nodeCount;
    private readonly int _minPendingBeforeCompaction;
    private readonly Dictionary<GeoCoordinate, int> _ids = [];

    // Compact part: the entries of node v are [_first[v], _first[v + 1]); _first is null while it is empty.
    private int[]? _first;
    private int[] _target = [];
    private long[] _weight = [];

    // Entries added since the last compaction, linked per node.
    private readonly int[] _head;
    private int[] _next = new int[256], _pendingTarget = new int[256], _pendingNode = new int[256];
    private long[] _pendingWeight = new long[256];
    private int _pending;

    /// <param name="nodeCount">Nodes of the hierarchy.</param>
    /// <param name="minPendingBeforeCompaction">Linked entries tolerated before a compaction however small the compact part is.</param>
    public KeptBuckets(int nodeCount, int minPendingBeforeCompaction = 1 << 15)
    {
        _nodeCount = nodeCount;
        _minPendingBeforeCompaction = minPendingBeforeCompaction;
        _head = new int[nodeCount];
        Array.Fill(_head, -1);
    }

    /// <summary>How many points are kept; their ids are 0 … Count − 1.</summary>
    public int Count => _ids.Count;

    /// <summary>How many entries all kept points left (for diagnostics and tests).</summary>
    public long Entries => (_first is null ? 0 : _first[_nodeCount]) + _pending;

    public bool TryGetId(GeoCoordinate point, out int id) => _ids.TryGetValue(point, out id);

    /// <summary>
    /// Keeps <paramref name="point"/>: runs <paramref name="search"/> (reset here) from its seeds
    /// <c>seeds[first .. end)</c> and stores an entry for every node it settles without stalling.
    /// </summary>
    public void Add(GeoCoordinate point, UpwardSearch search, SearchSeed[] seeds, int first, int end)
    {
        if (_ids.ContainsKey(point)) return;
        int id = _ids.Count;
        _ids.Add(point, id);
        if (first == end) return; // not snapped: no entries, every cell with it stays unreachable
        search.Reset();
        for (int i = first; i < end; i++) search.AddSeed(seeds[i].Node, seeds[i].Weight, i - first);
        while (search.QueueCount > 0)
        {
            if (!search.SettleNext(out int v, out long d)) continue;
            AddPending(v, id, d);
        }
        if (_pending >= Math.Max(_minPendingBeforeCompaction, (_first is null ? 0 : _first[_nodeCount]) / 2)) Compact();
    }

    /// <summary>
    /// Relaxes <paramref name="row"/> with every entry at <paramref name="node"/> (reached at <paramref name="weight"/>
    /// by the query's own search) whose point has a column: <c>row[column[id]] = min(row, weight + entry)</c>.
    /// </summary>
    public void Scan(int node, long weight, ReadOnlySpan<int> column, Span<long> row)
    {
        if (_first is { } first)
            for (int b = first[node], end = first[node + 1]; b < end; b++)
            {
                int c = column[_target[b]];
                if (c < 0) continue;
                long w = weight + _weight[b];
                if (w < row[c]) row[c] = w;
            }
        for (int b = _head[node]; b >= 0; b = _next[b])
        {
            int c = column[_pendingTarget[b]];
            if (c < 0) continue;
            long w = weight + _pendingWeight[b];
            if (w < row[c]) row[c] = w;
        }
    }

    /// <summary>Forgets every kept point.</summary>
    public void Clear()
    {
        for (int i = 0; i < _pending; i++) _head[_pendingNode[i]] = -1;
        _pending = 0;
        _first = null;
        _target = [];
        _weight = [];
        _ids.Clear();
    }

    private void AddPending(int node, int id, long weight)
    {
        if (_pending == _next.Length)
        {
            int size = _pending * 2;
            Array.Resize(ref _next, size);
            Array.Resize(ref _pendingTarget, size);
            Array.Resize(ref _pendingNode, size);
            Array.Resize(ref _pendingWeight, size);
        }
        _next[_pending] = _head[node];
        _pendingTarget[_pending] = id;
        _pendingNode[_pending] = node;
        _pendingWeight[_pending] = weight;
        _head[node] = _pending++;
    }

    /// <summary>Merges the pending entries into the compact part (counting sort by node).</summary>
    private void Compact()
    {
        var old = _first;
        int total = (old is null ? 0 : old[_nodeCount]) + _pending;
        var first = new int[_nodeCount + 1];
        if (old is not null)
            for (int v = 0; v < _nodeCount; v++) first[v + 1] = old[v + 1] - old[v];
        for (int i = 0; i < _pending; i++) first[_pendingNode[i] + 1]++;
        for (int v = 0; v < _nodeCount; v++) first[v + 1] += first[v];
        var target = new int[total];
        var weight = new long[total];
        for (int v = 0; v < _nodeCount; v++)
        {
            int at = first[v];
            if (old is not null)
            {
                int n = old[v + 1] - old[v];
                Array.Copy(_target, old[v], target, at, n);
                Array.Copy(_weight, old[v], weight, at, n);
                at += n;
            }
            for (int b = _head[v]; b >= 0; b = _next[b])
            {
                target[at] = _pendingTarget[b];
                weight[at] = _pendingWeight[b];
                at++;
            }
            _head[v] = -1;
        }
        _first = first;
        _target = target;
        _weight = weight;
        _pending = 0;
    }
}
