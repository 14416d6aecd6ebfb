using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Many-to-many weights with the bucket algorithm of Knopp, Schultes, Sanders, Schulz and Wagner (2007),
/// "Computing Many-to-Many Shortest Paths Using Highway Hierarchies", section 3, applied to CH upward
/// searches: a backward search from every target leaves (target, weight) entries in the buckets of the
/// nodes it settles; a forward search from every source scans the buckets of its settled nodes. Stalled
/// nodes add and scan nothing (their weight is provably not optimal). Both phases run in parallel (targets in
/// chunks, sources one by one), each worker with its own reusable <see cref="QueryState"/>.
/// </summary>
internal static class ManyToManyQuery
{
    /// <summary>
    /// Computes the packed weight table (row-major, sources × targets; infinity where unreachable).
    /// Seeds of point i are <c>seeds[seedFirst[i] .. seedFirst[i+1]-1]</c>.
    /// </summary>
    public static long[] Run(ContractionHierarchy ch, QueryStatePool pool,
        SearchSeed[] sourceSeeds, int[] sourceFirst, SearchSeed[] targetSeeds, int[] targetFirst, int maxParallelism)
    {
        int sCount = sourceFirst.Length - 1, tCount = targetFirst.Length - 1;
        var table = new long[(long)sCount * tCount];
        if (sCount == 0 || tCount == 0) return table;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism) };

        // Backward phase, targets split into contiguous chunks (one per worker): each chunk collects
        // (node, target, weight) triples, then all are linked into per-node lists. The buffers are pooled and the
        // per-node heads are reset entry by entry afterwards, so a call allocates nothing sized by the graph or
        // (after warm-up) by the target count: per-call large arrays sent every quote to the large-object heap.
        int chunks = Math.Min(options.MaxDegreeOfParallelism, tCount);
        var buckets = pool.RentBuckets(chunks);
        try
        {
            Parallel.For(0, chunks, options, c =>
            {
                var entries = buckets.Chunks[c];
                entries.Count = 0;
                var state = pool.Rent();
                try
                {
                    var bw = state.Backward;
                    for (int t = (int)((long)tCount * c / chunks), end = (int)((long)tCount * (c + 1) / chunks); t < end; t++)
                    {
                        if (targetFirst[t] == targetFirst[t + 1]) continue;
                        bw.Reset();
                        for (int i = targetFirst[t]; i < targetFirst[t + 1]; i++) bw.AddSeed(targetSeeds[i].Node, targetSeeds[i].Weight, i - targetFirst[t]);
                        while (bw.QueueCount > 0)
                        {
                            if (!bw.SettleNext(out int v, out long d)) continue;
                            entries.Add(v, t, d);
                        }
                    }
                }
                finally
                {
                    pool.Return(state);
                }
            });
            buckets.Link(chunks);
            var head = buckets.Head;
            var next = buckets.Next;
            var bucketTarget = buckets.Target;
            var bucketWeight = buckets.Weight;

            Parallel.For(0, sCount, options, pool.Rent, (s, _, st) =>
            {
                var row = table.AsSpan((int)((long)s * tCount), tCount);
                row.Fill(PathWeight.Infinity);
                if (sourceFirst[s] == sourceFirst[s + 1]) return st;
                var fw = st.Forward;
                fw.Reset();
                for (int i = sourceFirst[s]; i < sourceFirst[s + 1]; i++) fw.AddSeed(sourceSeeds[i].Node, sourceSeeds[i].Weight, i - sourceFirst[s]);
                while (fw.QueueCount > 0)
                {
                    if (!fw.SettleNext(out int v, out long d)) continue;
                    for (int b = head[v]; b >= 0; b = next[b])
                    {
                        long w = d + bucketWeight[b];
                        ref long cell = ref row[bucketTarget[b]];
                        if (w < cell) cell = w;
                    }
                }
                return st;
            }, pool.Return);
        }
        finally
        {
            buckets.Unlink(chunks);
            pool.ReturnBuckets(buckets);
        }
        return table;
    }
}
