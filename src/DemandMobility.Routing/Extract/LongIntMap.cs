namespace DemandMobility.Routing.Extract;

/// <summary>
/// Open-addressing hash map from OSM ids (long) to dense indices, linear probing. Avoids the per-entry
/// overhead of Dictionary for the millions of node ids of a large extract.
/// </summary>
internal sealed class LongIntMap
{
    private long[] _keys;
    private int[] _values; // -1 = empty slot, so any long (including negative OSM ids) can be a key
    private int _mask;

    public LongIntMap(int expected)
    {
        int capacity = 16;
        while (capacity < expected * 2)
            capacity <<= 1;
        _keys = new long[capacity];
        _values = new int[capacity];
        Array.Fill(_values, -1);
        _mask = capacity - 1;
    }

    public int Count { get; private set; }

    /// <summary>Returns the value for <paramref name="key"/>, or -1.</summary>
    public int Get(long key)
    {
        int slot = Slot(key);
        while (true)
        {
            int v = _values[slot];
            if (v < 0)
                return -1;
            if (_keys[slot] == key)
                return v;
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Returns the existing value, or adds <paramref name="valueIfNew"/> and returns it.</summary>
    public int GetOrAdd(long key, int valueIfNew)
    {
        if ((Count + 1) * 2 > _keys.Length)
            Grow();
        int slot = Slot(key);
        while (true)
        {
            int v = _values[slot];
            if (v < 0)
            {
                _keys[slot] = key;
                _values[slot] = valueIfNew;
                Count++;
                return valueIfNew;
            }
            if (_keys[slot] == key)
                return v;
            slot = (slot + 1) & _mask;
        }
    }

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 33) & _mask;

    private void Grow()
    {
        var oldKeys = _keys;
        var oldValues = _values;
        _keys = new long[oldKeys.Length * 2];
        _values = new int[oldKeys.Length * 2];
        Array.Fill(_values, -1);
        _mask = _keys.Length - 1;
        Count = 0;
        for (int i = 0; i < oldKeys.Length; i++)
            if (oldValues[i] >= 0)
                GetOrAdd(oldKeys[i], oldValues[i]);
    }
}
