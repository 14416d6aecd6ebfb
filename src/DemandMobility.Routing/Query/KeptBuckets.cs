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
    /// <summary>Entries per id (ids of dropped points keep theirs until a compaction removes them).</summary>
    private int[] _entriesOf = new int[64];
    private int _nextId;
    private long _deadEntries;

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

    /// <summary>How many points are kept.</summary>
    public int Count => _ids.Count;

    /// <summary>Ids are below this (dropped points' ids stay unused until a compaction renumbers).</summary>
    public int IdBound => _nextId;

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
        int id = _nextId++;
        if (id == _entriesOf.Length) Array.Resize(ref _entriesOf, 2 * id);
        _entriesOf[id] = 0;
        _ids.Add(point, id);
        if (first == end) return; // not snapped: no entries, every cell with it stays unreachable
        search.Reset();
        for (int i = first; i < end; i++) search.AddSeed(seeds[i].Node, seeds[i].Weight, i - first);
        while (search.QueueCount > 0)
        {
            if (!search.SettleNext(out int v, out long d)) continue;
            AddPending(v, id, d);
            _entriesOf[id]++;
        }
        if (_pending >= Math.Max(_minPendingBeforeCompaction, (_first is null ? 0 : _first[_nodeCount]) / 2)) Compact();
    }

    /// <summary>
    /// Drops every kept point not in <paramref name="live"/>. Their entries stay (a scan never matches them: only
    /// asked points get a column) until they are half of all entries; then a compaction removes them and renumbers.
    /// </summary>
    public void Retain(IReadOnlySet<GeoCoordinate> live)
    {
        List<GeoCoordinate>? drop = null;
        foreach (var (point, id) in _ids)
            if (!live.Contains(point))
            {
                (drop ??= []).Add(point);
                _deadEntries += _entriesOf[id];
                _entriesOf[id] = -1 - _entriesOf[id]; // marks the id dropped
            }
        if (drop is null) return;
        foreach (var p in drop) _ids.Remove(p);
        if (_deadEntries * 2 > Entries) Compact();
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
        _nextId = 0;
        _deadEntries = 0;
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

    /// <summary>
    /// Merges the pending entries into the compact part (counting sort by node), leaving out the entries of dropped
    /// points and renumbering the kept ones densely.
    /// </summary>
    private void Compact()
    {
        var renumber = new int[_nextId];
        int ids = 0;
        for (int id = 0; id < _nextId; id++) renumber[id] = _entriesOf[id] >= 0 ? ids++ : -1;
        var old = _first;
        var first = new int[_nodeCount + 1];
        if (old is not null)
            for (int v = 0; v < _nodeCount; v++)
                for (int b = old[v]; b < old[v + 1]; b++)
                    if (renumber[_target[b]] >= 0) first[v + 1]++;
        for (int i = 0; i < _pending; i++)
            if (renumber[_pendingTarget[i]] >= 0) first[_pendingNode[i] + 1]++;
        for (int v = 0; v < _nodeCount; v++) first[v + 1] += first[v];
        var target = new int[first[_nodeCount]];
        var weight = new long[target.Length];
        for (int v = 0; v < _nodeCount; v++)
        {
            int at = first[v];
            if (old is not null)
                for (int b = old[v]; b < old[v + 1]; b++)
                {
                    int id = renumber[_target[b]];
                    if (id < 0) continue;
                    target[at] = id;
                    weight[at++] = _weight[b];
                }
            for (int b = _head[v]; b >= 0; b = _next[b])
            {
                int id = renumber[_pendingTarget[b]];
                if (id < 0) continue;
                target[at] = id;
                weight[at++] = _pendingWeight[b];
            }
            _head[v] = -1;
        }
        _first = first;
        _target = target;
        _weight = weight;
        _pending = 0;
        var entriesOf = new int[Math.Max(64, ids)];
        for (int id = 0; id < _nextId; id++)
            if (renumber[id] >= 0) entriesOf[renumber[id]] = _entriesOf[id];
        _entriesOf = entriesOf;
        foreach (var point in _ids.Keys.ToArray()) _ids[point] = renumber[_ids[point]];
        _nextId = ids;
        _deadEntries = 0;
    }
}
