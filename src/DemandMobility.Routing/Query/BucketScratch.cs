using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Reusable buckets of one many-to-many query (<see cref="ManyToManyQuery"/>): per-worker entry lists from the
/// backward phase, and their union as singly linked lists per node (<see cref="Head"/> → <see cref="Next"/>).
/// Linking instead of counting-sorting avoids touching one array slot per graph node on every call; only the
/// heads that were set are reset (<see cref="Unlink"/>), so the cost is proportional to the entries.
/// </summary>
internal sealed class BucketScratch
{
    public BucketScratch(ContractionHierarchy ch)
    {
        Head = new int[ch.NodeCount];
        Array.Fill(Head, -1);
    }

    /// <summary>Per node, the index of its first bucket entry, or -1.</summary>
    public int[] Head { get; }

    /// <summary>Next entry of the same node, or -1.</summary>
    public int[] Next { get; private set; } = new int[256];

    /// <summary>Target of each entry.</summary>
    public int[] Target { get; private set; } = new int[256];

    /// <summary>Weight from the entry's node to its target.</summary>
    public long[] Weight { get; private set; } = new long[256];

    /// <summary>Entries collected by each worker of the backward phase.</summary>
    public BucketEntries[] Chunks { get; private set; } = [];

    /// <summary>Makes sure there are <paramref name="chunks"/> worker lists.</summary>
    public void EnsureChunks(int chunks)
    {
        if (Chunks.Length >= chunks) return;
        var grown = new BucketEntries[chunks];
        for (int c = 0; c < chunks; c++) grown[c] = c < Chunks.Length ? Chunks[c] : new BucketEntries(256);
        Chunks = grown;
    }

    /// <summary>Links the entries of the first <paramref name="chunks"/> worker lists into the per-node lists.</summary>
    public void Link(int chunks)
    {
        int total = 0;
        for (int c = 0; c < chunks; c++) total += Chunks[c].Count;
        if (Next.Length < total)
        {
            int size = Math.Max(total, Next.Length * 2);
            Next = new int[size];
            Target = new int[size];
            Weight = new long[size];
        }
        int g = 0;
        for (int c = 0; c < chunks; c++)
        {
            var e = Chunks[c];
            for (int i = 0; i < e.Count; i++, g++)
            {
                int node = e.Node[i];
                Target[g] = e.Target[i];
                Weight[g] = e.Weight[i];
                Next[g] = Head[node];
                Head[node] = g;
            }
        }
    }

    /// <summary>Clears the heads set by <see cref="Link"/> (or by a failed call) and empties the worker lists.</summary>
    public void Unlink(int chunks)
    {
        for (int c = 0; c < chunks && c < Chunks.Length; c++)
        {
            var e = Chunks[c];
            for (int i = 0; i < e.Count; i++) Head[e.Node[i]] = -1;
            e.Count = 0;
        }
    }
}

/// <summary>Growable struct-of-arrays of bucket entries collected by one worker.</summary>
internal sealed class BucketEntries(int capacity)
{
    public int[] Node = new int[capacity];
    public int[] Target = new int[capacity];
    public long[] Weight = new long[capacity];
    public int Count;

    public void Add(int node, int target, long weight)
    {
        if (Count == Node.Length)
        {
            Array.Resize(ref Node, Count * 2);
            Array.Resize(ref Target, Count * 2);
            Array.Resize(ref Weight, Count * 2);
        }
        Node[Count] = node;
        Target[Count] = target;
        Weight[Count] = weight;
        Count++;
    }
}
