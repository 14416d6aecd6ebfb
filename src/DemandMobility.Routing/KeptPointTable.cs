using System.Buffers;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Query;

namespace DemandMobility.Routing;

/// <summary>
/// Tables between a few new points and points that are asked about again and again (a dispatcher's planned stops),
/// with the bucket algorithm of Knopp et al. (2007, section 3) whose buckets are kept: each kept point's upward
/// search runs once, when it is first asked about, and leaves its entries in the buckets; a table then costs one
/// upward search per new point plus scanning the buckets of the nodes it settles, instead of one search per kept
/// point. <see cref="ToKept"/> keeps the targets (backward searches), <see cref="FromKept"/> the sources (forward
/// searches). Every cell equals <see cref="RoadRouter.Table"/>'s for the same points: the searches, their stalling
/// and the direct drives along one road are the same, and the minimum over meeting nodes is taken on exact integer
/// weights. Thread-safe: tables run in parallel under a reader lock; keeping new points takes the writer lock.
/// At most <see cref="MaxPoints"/> points are kept per direction; past it the buckets are emptied and refill with
/// the points asked about next (a crude bound rather than LRU: a day's planned stops stay far below it).
/// </summary>
public sealed class KeptPointTable
{
    private readonly RoadRouter _router;
    private readonly KeptBuckets _targets, _sources;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <param name="router">The router whose hierarchy, snapping and metric the tables use.</param>
    /// <param name="maxPoints">How many points each direction keeps at most.</param>
    public KeptPointTable(RoadRouter router, int maxPoints = 20_000)
        : this(router, maxPoints, 1 << 15)
    {
    }

    /// <summary>With a chosen compaction threshold (tests compact on small graphs).</summary>
    internal KeptPointTable(RoadRouter router, int maxPoints, int minPendingBeforeCompaction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        _router = router;
        MaxPoints = maxPoints;
        _targets = new KeptBuckets(router.Hierarchy.NodeCount, minPendingBeforeCompaction);
        _sources = new KeptBuckets(router.Hierarchy.NodeCount, minPendingBeforeCompaction);
    }

    /// <summary>How many points each direction keeps at most.</summary>
    public int MaxPoints { get; }

    /// <summary>How many targets and sources are kept now.</summary>
    public (int Targets, int Sources) Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return (_targets.Count, _sources.Count); }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>The bucket entries kept in both directions (memory is about 12 bytes each).</summary>
    public long Entries
    {
        get
        {
            _lock.EnterReadLock();
            try { return _targets.Entries + _sources.Entries; }
            finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>Sources × targets; the targets are kept (those new to the table are searched once now).</summary>
    public TableResult ToKept(IReadOnlyList<GeoCoordinate> sources, IReadOnlyList<GeoCoordinate> targets) =>
        Run(sources, targets, keptAreTargets: true);

    /// <summary>Sources × targets; the sources are kept (those new to the table are searched once now).</summary>
    public TableResult FromKept(IReadOnlyList<GeoCoordinate> sources, IReadOnlyList<GeoCoordinate> targets) =>
        Run(sources, targets, keptAreTargets: false);

    /// <summary>
    /// The three tables around a few new points in one go: <paramref name="fresh"/> × <paramref name="targets"/>
    /// (targets kept), <paramref name="sources"/> × <paramref name="fresh"/> (sources kept) and fresh × fresh, with
    /// one forward and one backward search per new point; the new points themselves are not kept. Each table equals
    /// <see cref="RoadRouter.Table"/>'s for the same points.
    /// </summary>
    public KeptTables Around(IReadOnlyList<GeoCoordinate> fresh, IReadOnlyList<GeoCoordinate> targets, IReadOnlyList<GeoCoordinate> sources)
    {
        var freshSnaps = _router.SnapAll(fresh);
        var targetSnaps = _router.SnapAll(targets);
        var sourceSnaps = _router.SnapAll(sources);
        int f = freshSnaps.Length;
        var (forwardSeeds, forwardFirst) = _router.Seeds(freshSnaps, asSource: true);
        var (backwardSeeds, backwardFirst) = _router.Seeds(freshSnaps, asSource: false);
        var rows = new long[(long)f * targets.Count];
        var columns = new long[(long)f * sources.Count];
        var between = new long[(long)f * f];
        var state = _router.Pool.Rent();
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                Keep(_targets, targets, targetSnaps, asTargets: true, state);
                Keep(_sources, sources, sourceSnaps, asTargets: false, state);
                // The forward searches of the new points leave their own buckets, scanned by their backward searches.
                var meetings = new FreshMeetings(f);
                _lock.EnterReadLock();
                try
                {
                    if (Fill(_targets, targets, forwardSeeds, forwardFirst, keptAreTargets: true, state, rows, meetings)
                        && Fill(_sources, sources, backwardSeeds, backwardFirst, keptAreTargets: false, state, columns, meetings.Backward(between)))
                        break;
                }
                finally { _lock.ExitReadLock(); }
                if (attempt == 8) throw new InvalidOperationException("The kept points were cleared again and again while a table was read.");
            }
        }
        finally { _router.Pool.Return(state); }

        columns = Transpose(columns, f, sources.Count);
        _router.ApplyDirectDrives(freshSnaps, targetSnaps, rows);
        _router.ApplyDirectDrives(sourceSnaps, freshSnaps, columns);
        _router.ApplyDirectDrives(freshSnaps, freshSnaps, between);
        return new KeptTables(
            RoadRouter.ToTableResult(freshSnaps, targetSnaps, rows),
            RoadRouter.ToTableResult(sourceSnaps, freshSnaps, columns),
            RoadRouter.ToTableResult(freshSnaps, freshSnaps, between));
    }

    /// <summary>
    /// Keeps only the points of <paramref name="live"/> (both directions): a dispatcher calls it with the stops of a
    /// fresh plan, so points that left the plan stop costing memory and scan time. Points asked about later are kept
    /// again.
    /// </summary>
    public void Retain(IReadOnlySet<GeoCoordinate> live)
    {
        _lock.EnterWriteLock();
        try
        {
            _targets.Retain(live);
            _sources.Retain(live);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Forgets every kept point (both directions).</summary>
    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _targets.Clear();
            _sources.Clear();
        }
        finally { _lock.ExitWriteLock(); }
    }

    private TableResult Run(IReadOnlyList<GeoCoordinate> sources, IReadOnlyList<GeoCoordinate> targets, bool keptAreTargets)
    {
        var sourceSnaps = _router.SnapAll(sources);
        var targetSnaps = _router.SnapAll(targets);
        var buckets = keptAreTargets ? _targets : _sources;
        var keptPoints = keptAreTargets ? targets : sources;
        var keptSnaps = keptAreTargets ? targetSnaps : sourceSnaps;
        var freshSnaps = keptAreTargets ? sourceSnaps : targetSnaps;
        int keptCount = keptPoints.Count, freshCount = freshSnaps.Length;
        var (freshSeeds, freshFirst) = _router.Seeds(freshSnaps, asSource: keptAreTargets);
        // Weights as fresh point × kept point, turned into sources × targets at the end.
        var weights = new long[(long)freshCount * keptCount];
        var state = _router.Pool.Rent();
        try
        {
            // A concurrent Clear (the bound was reached) may drop points between keeping and reading: then keep again.
            for (int attempt = 0; ; attempt++)
            {
                Keep(buckets, keptPoints, keptSnaps, keptAreTargets, state);
                _lock.EnterReadLock();
                try
                {
                    if (Fill(buckets, keptPoints, freshSeeds, freshFirst, keptAreTargets, state, weights)) break;
                }
                finally { _lock.ExitReadLock(); }
                if (attempt == 8) throw new InvalidOperationException("The kept points were cleared again and again while a table was read.");
            }
        }
        finally { _router.Pool.Return(state); }

        if (!keptAreTargets) weights = Transpose(weights, freshCount, keptCount);
        _router.ApplyDirectDrives(sourceSnaps, targetSnaps, weights);
        return RoadRouter.ToTableResult(sourceSnaps, targetSnaps, weights);
    }

    /// <summary>Keeps every point of <paramref name="points"/> not kept yet (writer lock only when some is new).</summary>
    private void Keep(KeptBuckets buckets, IReadOnlyList<GeoCoordinate> points, Snapping.SnappedPoint[] snaps, bool asTargets, QueryState state)
    {
        List<int>? missing = null;
        _lock.EnterReadLock();
        try
        {
            for (int j = 0; j < points.Count; j++)
                if (!buckets.TryGetId(points[j], out _)) (missing ??= []).Add(j);
        }
        finally { _lock.ExitReadLock(); }
        if (missing is null) return;

        var missingSnaps = new Snapping.SnappedPoint[missing.Count];
        for (int k = 0; k < missing.Count; k++) missingSnaps[k] = snaps[missing[k]];
        var (seeds, first) = _router.Seeds(missingSnaps, asSource: !asTargets);
        var search = asTargets ? state.Backward : state.Forward;
        _lock.EnterWriteLock();
        try
        {
            if (buckets.Count + missing.Count > MaxPoints) buckets.Clear();
            for (int k = 0; k < missing.Count; k++) buckets.Add(points[missing[k]], search, seeds, first[k], first[k + 1]);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>
    /// One search per fresh point, scanning the kept buckets of each node it settles (reader lock held). False when
    /// a kept point is gone (cleared since it was kept).
    /// </summary>
    private static bool Fill(KeptBuckets buckets, IReadOnlyList<GeoCoordinate> keptPoints, SearchSeed[] seeds, int[] seedFirst,
        bool keptAreTargets, QueryState state, long[] weights, FreshMeetings? meetings = null)
    {
        int keptCount = keptPoints.Count;
        int[] column = ArrayPool<int>.Shared.Rent(Math.Max(1, buckets.IdBound));
        try
        {
            column.AsSpan(0, buckets.IdBound).Fill(-1);
            // A point asked twice gets its column filled once and copied.
            List<(int Column, int Same)>? repeated = null;
            for (int j = 0; j < keptCount; j++)
            {
                if (!buckets.TryGetId(keptPoints[j], out int id)) return false;
                if (column[id] < 0) column[id] = j;
                else (repeated ??= []).Add((j, column[id]));
            }
            var search = keptAreTargets ? state.Forward : state.Backward;
            var columns = column.AsSpan(0, buckets.IdBound);
            for (int f = 0; f < seedFirst.Length - 1; f++)
            {
                var row = weights.AsSpan((int)((long)f * keptCount), keptCount);
                row.Fill(PathWeight.Infinity);
                if (seedFirst[f] == seedFirst[f + 1]) continue;
                search.Reset();
                for (int i = seedFirst[f]; i < seedFirst[f + 1]; i++) search.AddSeed(seeds[i].Node, seeds[i].Weight, i - seedFirst[f]);
                while (search.QueueCount > 0)
                {
                    if (!search.SettleNext(out int v, out long d)) continue;
                    buckets.Scan(v, d, columns, row);
                    meetings?.Settled(f, v, d);
                }
                if (repeated is not null)
                    foreach (var (j, same) in repeated) row[j] = row[same];
            }
            return true;
        }
        finally { ArrayPool<int>.Shared.Return(column); }
    }

    /// <summary>
    /// The new points' own buckets: the forward searches record (point, weight) per settled node; the backward search
    /// of each new point, as <see cref="Settled"/> of the instance from <see cref="Backward"/>, meets them there and
    /// fills the fresh × fresh table (the bucket algorithm with the roles of the phases swapped).
    /// </summary>
    private sealed class FreshMeetings(int fresh)
    {
        private readonly Dictionary<int, List<(int Point, long Weight)>> _forward = [];
        private long[]? _between;

        public void Settled(int point, int node, long weight)
        {
            if (_between is null)
            {
                if (!_forward.TryGetValue(node, out var list)) _forward[node] = list = [];
                list.Add((point, weight));
                return;
            }
            if (!_forward.TryGetValue(node, out var entries)) return;
            foreach (var (from, w) in entries)
            {
                ref long cell = ref _between[(long)from * fresh + point];
                if (weight + w < cell) cell = weight + w;
            }
        }

        /// <summary>Switches to the backward phase, filling <paramref name="between"/> (fresh × fresh).</summary>
        public FreshMeetings Backward(long[] between)
        {
            between.AsSpan().Fill(PathWeight.Infinity);
            _between = between;
            return this;
        }
    }

    private static long[] Transpose(long[] weights, int rows, int columns)
    {
        var result = new long[weights.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) result[(long)c * rows + r] = weights[(long)r * columns + c];
        return result;
    }
}
