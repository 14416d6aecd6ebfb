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

    /// <summary>
    /// Turns the buffer into a binary min-heap on cost in O(n) (Floyd's heap construction), for callers
    /// that need only the cheapest few candidates: k <see cref="PopMin"/> calls cost O(k log n) instead of
    /// sorting all n. Indexing is meaningless while the buffer is a heap.
    /// </summary>
    public void Heapify()
    {
        for (int i = Count / 2 - 1; i >= 0; i--) SiftDown(i);
    }

    /// <summary>Removes the cheapest candidate of a heap built by <see cref="Heapify"/>; ties leave in an order fixed by the input order.</summary>
    public bool PopMin(out InsertionCandidate candidate)
    {
        if (Count == 0)
        {
            candidate = default;
            return false;
        }
        candidate = _items[0];
        Count--;
        if (Count > 0)
        {
            _items[0] = _items[Count];
            _keys[0] = _keys[Count];
            SiftDown(0);
        }
        return true;
    }

    private void SiftDown(int i)
    {
        int n = Count;
        var item = _items[i];
        double key = _keys[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && _keys[child + 1] < _keys[child]) child++;
            if (_keys[child] >= key) break;
            _items[i] = _items[child];
            _keys[i] = _keys[child];
            i = child;
        }
        _items[i] = item;
        _keys[i] = key;
    }
}
