using System.Collections.Concurrent;
using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>Thread-safe pool of <see cref="QueryState"/> and <see cref="BucketScratch"/>: at most one of each per concurrently running query (worker).</summary>
internal sealed class QueryStatePool
{
    private readonly ContractionHierarchy _ch;
    private readonly ConcurrentBag<QueryState> _free = new();
    private readonly ConcurrentBag<BucketScratch> _freeBuckets = new();

    public QueryStatePool(ContractionHierarchy ch) => _ch = ch;

    public QueryState Rent() => _free.TryTake(out var s) ? s : new QueryState(_ch);

    public void Return(QueryState state) => _free.Add(state);

    /// <summary>Bucket buffers of one many-to-many query, with at least <paramref name="chunks"/> worker lists.</summary>
    public BucketScratch RentBuckets(int chunks)
    {
        var b = _freeBuckets.TryTake(out var s) ? s : new BucketScratch(_ch);
        b.EnsureChunks(chunks);
        return b;
    }

    /// <summary>Returns buffers rented with <see cref="RentBuckets"/>; their heads must be unlinked.</summary>
    public void ReturnBuckets(BucketScratch buckets) => _freeBuckets.Add(buckets);
}
