namespace DemandMobility.Routing.Query;

/// <summary>
/// Binary min-heap over item ids 0..capacity-1 with decrease-key, preallocated once and reused across
/// searches: <see cref="Clear"/> costs O(items still queued), so a search never allocates.
/// </summary>
internal sealed class IndexedMinHeap
{
    private readonly int[] _items;
    private readonly long[] _keys;
    private readonly int[] _position; // -1 = not in heap
    private int _count;

    public IndexedMinHeap(int capacity)
    {
        _items = new int[Math.Max(1, capacity)];
        _keys = new long[Math.Max(1, capacity)];
        _position = new int[Math.Max(1, capacity)];
        Array.Fill(_position, -1);
    }

    public int Count => _count;

    public long MinKey => _keys[0];

    public bool Contains(int item) => _position[item] >= 0;

    public void Clear()
    {
        for (int i = 0; i < _count; i++) _position[_items[i]] = -1;
        _count = 0;
    }

    /// <summary>Inserts the item or lowers its key; a higher key for a queued item is ignored.</summary>
    public void InsertOrDecrease(int item, long key)
    {
        int pos = _position[item];
        if (pos < 0)
        {
            pos = _count++;
            _items[pos] = item;
            _keys[pos] = key;
            _position[item] = pos;
            SiftUp(pos);
        }
        else if (key < _keys[pos])
        {
            _keys[pos] = key;
            SiftUp(pos);
        }
    }

    /// <summary>Sets the key of a queued or new item to any value (used by the lazy node-ordering queue).</summary>
    public void Update(int item, long key)
    {
        int pos = _position[item];
        if (pos < 0) { InsertOrDecrease(item, key); return; }
        long old = _keys[pos];
        _keys[pos] = key;
        if (key < old) SiftUp(pos); else SiftDown(pos);
    }

    public int PopMin(out long key)
    {
        int item = _items[0];
        key = _keys[0];
        _position[item] = -1;
        _count--;
        if (_count > 0)
        {
            _items[0] = _items[_count];
            _keys[0] = _keys[_count];
            _position[_items[0]] = 0;
            SiftDown(0);
        }
        return item;
    }

    public int PeekMin() => _items[0];

    private void SiftUp(int pos)
    {
        int item = _items[pos];
        long key = _keys[pos];
        while (pos > 0)
        {
            int parent = (pos - 1) >> 1;
            if (_keys[parent] <= key) break;
            _items[pos] = _items[parent];
            _keys[pos] = _keys[parent];
            _position[_items[pos]] = pos;
            pos = parent;
        }
        _items[pos] = item;
        _keys[pos] = key;
        _position[item] = pos;
    }

    private void SiftDown(int pos)
    {
        int item = _items[pos];
        long key = _keys[pos];
        while (true)
        {
            int child = 2 * pos + 1;
            if (child >= _count) break;
            if (child + 1 < _count && _keys[child + 1] < _keys[child]) child++;
            if (_keys[child] >= key) break;
            _items[pos] = _items[child];
            _keys[pos] = _keys[child];
            _position[_items[pos]] = pos;
            pos = child;
        }
        _items[pos] = item;
        _keys[pos] = key;
        _position[item] = pos;
    }
}
