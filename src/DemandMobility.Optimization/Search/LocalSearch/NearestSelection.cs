namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Keeps the <see cref="Capacity"/> smallest (key, item) pairs offered, ties to the lower item: a bounded max-heap whose
/// root is the worst kept pair. Reusable: <see cref="Clear"/> between queries.
/// </summary>
internal sealed class NearestSelection(int capacity)
{
    private readonly double[] _keys = new double[capacity];
    private readonly int[] _items = new int[capacity];

    /// <summary>Pairs kept at most.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Pairs kept now.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <see cref="Capacity"/> pairs are kept.</summary>
    public bool Full => Count == Capacity;

    /// <summary>Key of the worst kept pair (only meaningful when <see cref="Count"/> is positive).</summary>
    public double WorstKey => _keys[0];

    public void Clear() => Count = 0;

    /// <summary>Whether (<paramref name="key"/>, <paramref name="item"/>) would be kept.</summary>
    public bool Admits(double key, int item) => !Full || Worse(_keys[0], _items[0], key, item);

    /// <summary>Offers a pair; keeps it when it is among the best.</summary>
    public void Offer(double key, int item)
    {
        if (Capacity == 0) return;
        if (Count < Capacity)
        {
            int i = Count++;
            _keys[i] = key; _items[i] = item;
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Worse(_keys[i], _items[i], _keys[parent], _items[parent])) break;
                Swap(i, parent);
                i = parent;
            }
        }
        else if (Worse(_keys[0], _items[0], key, item))
        {
            _keys[0] = key; _items[0] = item;
            SiftDown(0, Count);
        }
    }

    /// <summary>Writes the kept items, nearest first, into <paramref name="output"/> (length <see cref="Count"/>) and clears.</summary>
    public void Drain(Span<int> output)
    {
        for (int end = Count - 1; end >= 0; end--)
        {
            output[end] = _items[0];
            _keys[0] = _keys[end]; _items[0] = _items[end];
            SiftDown(0, end);
        }
        Count = 0;
    }

    private static bool Worse(double keyA, int itemA, double keyB, int itemB) => keyA > keyB || (keyA == keyB && itemA > itemB);

    private void SiftDown(int i, int size)
    {
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && Worse(_keys[child + 1], _items[child + 1], _keys[child], _items[child])) child++;
            if (!Worse(_keys[child], _items[child], _keys[i], _items[i])) break;
            Swap(i, child);
            i = child;
        }
    }

    private void Swap(int a, int b)
    {
        (_keys[a], _keys[b]) = (_keys[b], _keys[a]);
        (_items[a], _items[b]) = (_items[b], _items[a]);
    }
}
