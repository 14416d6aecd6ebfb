namespace DemandMobility.Transit.Gtfs;

/// <summary>A growable array of unmanaged values (no per-item allocation), trimmed once at the end.</summary>
internal sealed class GrowBuffer<T>(int capacity) where T : unmanaged
{
    private T[] _items = new T[Math.Max(16, capacity)];

    public int Count { get; private set; }

    public void Add(T value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length <= 1 << 29 ? _items.Length * 2 : _items.Length + (1 << 28));
        _items[Count++] = value;
    }

    public T this[int i]
    {
        get => _items[i];
        set => _items[i] = value;
    }

    /// <summary>The items, trimmed to <see cref="Count"/>; the buffer must not be used afterwards.</summary>
    public T[] Detach()
    {
        var items = _items;
        if (items.Length != Count) Array.Resize(ref items, Count);
        _items = [];
        return items;
    }
}
