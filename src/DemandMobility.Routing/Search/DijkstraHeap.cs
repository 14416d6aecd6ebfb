namespace DemandMobility.Routing.Search;

/// <summary>
/// Min-heap of (node, key) pairs in flat arrays, without decrease-key: callers push again and skip stale
/// entries, which is simpler and usually faster than an indexed heap for road graphs.
/// </summary>
internal sealed class DijkstraHeap
{
    private int[] _nodes = new int[64];
    private int[] _keys = new int[64];
    private int _count;

    public int Count => _count;

    public void Clear() => _count = 0;

    public void Push(int node, int key)
    {
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _count * 2);
            Array.Resize(ref _keys, _count * 2);
        }
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
                break;
            _nodes[i] = _nodes[parent];
            _keys[i] = _keys[parent];
            i = parent;
        }
        _nodes[i] = node;
        _keys[i] = key;
    }

    public bool TryPop(out int node, out int key)
    {
        if (_count == 0)
        {
            node = -1;
            key = 0;
            return false;
        }
        node = _nodes[0];
        key = _keys[0];
        int lastNode = _nodes[--_count];
        int lastKey = _keys[_count];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= _count)
                break;
            if (child + 1 < _count && _keys[child + 1] < _keys[child])
                child++;
            if (_keys[child] >= lastKey)
                break;
            _nodes[i] = _nodes[child];
            _keys[i] = _keys[child];
            i = child;
        }
        _nodes[i] = lastNode;
        _keys[i] = lastKey;
        return true;
    }
}
