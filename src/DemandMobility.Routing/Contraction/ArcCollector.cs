namespace DemandMobility.Routing.Contraction;

/// <summary>
/// Collects the final arcs of each node at its contraction (arrays grow by doubling) and turns them into CSR
/// arrays ordered by node id at the end.
/// </summary>
internal sealed class ArcCollector
{
    private readonly int[] _start;
    private readonly int[] _count;
    private int[] _node;
    private long[] _weight;
    private int[] _info;
    private int _size;

    public ArcCollector(int nodeCount, int capacity)
    {
        _start = new int[nodeCount];
        _count = new int[nodeCount];
        _node = new int[Math.Max(16, capacity)];
        _weight = new long[_node.Length];
        _info = new int[_node.Length];
    }

    public void Add(int v, ReadOnlySpan<OverlayArc> arcs)
    {
        if (_size + arcs.Length > _node.Length)
        {
            int cap = Math.Max(_node.Length * 2, _size + arcs.Length);
            Array.Resize(ref _node, cap);
            Array.Resize(ref _weight, cap);
            Array.Resize(ref _info, cap);
        }
        _start[v] = _size;
        _count[v] = arcs.Length;
        foreach (var a in arcs)
        {
            _node[_size] = a.Node;
            _weight[_size] = a.Weight;
            _info[_size] = a.Info;
            _size++;
        }
    }

    public void ToCsr(out int[] first, out int[] node, out long[] weight, out int[] info)
    {
        int n = _start.Length;
        first = new int[n + 1];
        for (int v = 0; v < n; v++) first[v + 1] = first[v] + _count[v];
        node = new int[_size];
        weight = new long[_size];
        info = new int[_size];
        for (int v = 0; v < n; v++)
        {
            Array.Copy(_node, _start[v], node, first[v], _count[v]);
            Array.Copy(_weight, _start[v], weight, first[v], _count[v]);
            Array.Copy(_info, _start[v], info, first[v], _count[v]);
        }
    }
}
