namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>A growable, reusable list of candidates that sorts by cost without allocating.</summary>
internal sealed class CandidateBuffer
{
    private InsertionCandidate[] _items = new InsertionCandidate[256];
    private double[] _keys = new double[256];

    public int Count { get; private set; }

    public ref InsertionCandidate this[int index] => ref _items[index];

    public void Clear() => Count = 0;

    public void Add(in InsertionCandidate c)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
            Array.Resize(ref _keys, Count * 2);
        }
        _items[Count] = c;
        _keys[Count] = c.Cost;
        Count++;
    }

    /// <summary>Sorts ascending by cost (introsort on a key array: no allocation).</summary>
    public void SortByCost() => Array.Sort(_keys, _items, 0, Count);
}
