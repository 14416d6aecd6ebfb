namespace DemandMobility.Optimization.Search.Pool;

/// <summary>
/// Exact set partitioning over a small pool of columns by depth-first branch and bound: every element must be
/// covered by exactly one chosen column, at most a given number of columns may be chosen, and the total cost is
/// minimised. Used to recombine routes collected during the search into a better solution.
/// </summary>
/// <remarks>
/// Idea: the route-pool recombination of Rochat &amp; Taillard (1995, "Probabilistic diversification and
/// intensification in local search for vehicle routing", Journal of Heuristics 1) and its use in LNS for the
/// dial-a-ride problem by Parragh &amp; Schmid (2013, "Hybrid column generation and large neighborhood search for
/// the dial-a-ride problem", Computers &amp; Operations Research 40), Section 3.3, who solve the set partitioning
/// problem over the pooled routes. Here it is solved by a plain branch and bound instead of an LP-based solver:
/// branch on the uncovered element with the fewest columns (columns tried cheapest first); bound by the cost so
/// far plus, for each uncovered element, the least share <c>cost / |column|</c> of any column covering it (every
/// column costs at least the sum of its elements' least shares, so this never overestimates). A node limit keeps
/// the call bounded; the result then is the best partition found, not necessarily the optimum.
/// </remarks>
internal sealed class SetPartitioningSolver
{
    private const double Eps = 1e-9;
    private int _words;
    private ulong[] _bits = Array.Empty<ulong>();
    private ulong[] _covered = Array.Empty<ulong>();
    private int[][] _byElement = Array.Empty<int[]>();
    private int[] _order = Array.Empty<int>();
    private double[] _costs = Array.Empty<double>();
    private double[] _shareSum = Array.Empty<double>();
    private int[] _chosen = Array.Empty<int>();
    private int[] _bestChosen = Array.Empty<int>();
    private int _bestCount, _maxColumns;
    private double _bestCost;
    private long _nodes, _nodeLimit;
    private bool _aborted;

    /// <summary>
    /// Finds the cheapest partition of elements <c>0..elementCount−1</c> into at most <paramref name="maxColumns"/>
    /// of the given columns whose cost is below <paramref name="upperBound"/>.
    /// </summary>
    /// <param name="elementCount">Number of elements to cover.</param>
    /// <param name="sets">Per column, its elements (distinct, each in <c>[0, elementCount)</c>).</param>
    /// <param name="costs">Per column, its cost (non-negative).</param>
    /// <param name="maxColumns">Most columns a partition may use.</param>
    /// <param name="upperBound">Only partitions strictly cheaper than this are reported.</param>
    /// <param name="nodeLimit">Most search nodes to visit.</param>
    public SetPartitioningResult Solve(int elementCount, IReadOnlyList<int[]> sets, IReadOnlyList<double> costs, int maxColumns, double upperBound, long nodeLimit)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(costs);
        if (sets.Count != costs.Count) throw new ArgumentException("sets and costs differ in length.", nameof(costs));
        int m = sets.Count;
        _words = (elementCount + 63) >> 6;
        _bits = new ulong[m * _words];
        _covered = new ulong[_words];
        _costs = new double[m];
        _shareSum = new double[m];
        var counts = new int[elementCount];
        var minShare = new double[elementCount];
        Array.Fill(minShare, double.PositiveInfinity);
        for (int c = 0; c < m; c++)
        {
            var set = sets[c];
            _costs[c] = costs[c];
            if (set.Length == 0) continue;
            double share = costs[c] / set.Length;
            foreach (int e in set)
            {
                if ((uint)e >= (uint)elementCount) throw new ArgumentException($"column {c} holds element {e}, outside [0, {elementCount}).", nameof(sets));
                _bits[c * _words + (e >> 6)] |= 1UL << (e & 63);
                counts[e]++;
                if (share < minShare[e]) minShare[e] = share;
            }
        }
        _nodes = 0;
        _nodeLimit = nodeLimit;
        _aborted = false;
        _bestCost = upperBound;
        _bestCount = -1;
        _maxColumns = maxColumns;
        var none = new SetPartitioningResult(false, Array.Empty<int>(), upperBound, 0, true);
        double lb = 0;
        for (int e = 0; e < elementCount; e++)
        {
            if (counts[e] == 0) return none;
            lb += minShare[e];
        }
        for (int c = 0; c < m; c++)
        {
            double s = 0;
            foreach (int e in sets[c]) s += minShare[e];
            _shareSum[c] = s;
        }
        _byElement = new int[elementCount][];
        for (int e = 0; e < elementCount; e++) _byElement[e] = new int[counts[e]];
        var fill = new int[elementCount];
        for (int c = 0; c < m; c++)
            foreach (int e in sets[c]) _byElement[e][fill[e]++] = c;
        foreach (var list in _byElement) Array.Sort(list, (a, b) => _costs[a].CompareTo(_costs[b]) is int k && k != 0 ? k : a.CompareTo(b));
        _order = new int[elementCount];
        for (int e = 0; e < elementCount; e++) _order[e] = e;
        Array.Sort(_order, (a, b) => counts[a] != counts[b] ? counts[a].CompareTo(counts[b]) : a.CompareTo(b));
        _chosen = new int[Math.Max(1, Math.Min(maxColumns, elementCount))];
        _bestChosen = new int[_chosen.Length];
        if (maxColumns > 0 || elementCount == 0) Search(0, 0, lb, 0);
        if (_bestCount < 0) return none with { Nodes = _nodes, Complete = !_aborted };
        return new SetPartitioningResult(true, _bestChosen.AsSpan(0, _bestCount).ToArray(), _bestCost, _nodes, !_aborted);
    }

    private void Search(int depth, double cost, double lb, int firstUncovered)
    {
        if (++_nodes > _nodeLimit) { _aborted = true; return; }
        int e = -1;
        for (int i = firstUncovered; i < _order.Length; i++)
        {
            int x = _order[i];
            if ((_covered[x >> 6] & (1UL << (x & 63))) == 0) { e = x; firstUncovered = i; break; }
        }
        if (e < 0)
        {
            if (cost < _bestCost - Eps)
            {
                _bestCost = cost;
                _bestCount = depth;
                Array.Copy(_chosen, _bestChosen, depth);
            }
            return;
        }
        if (depth >= _maxColumns || depth >= _chosen.Length) return;
        foreach (int c in _byElement[e])
        {
            double next = cost + _costs[c];
            if (next >= _bestCost - Eps) break; // columns are sorted by cost: the rest cost more still
            double rest = lb - _shareSum[c];
            if (next + rest >= _bestCost - Eps) continue;
            int off = c * _words;
            bool clash = false;
            for (int w = 0; w < _words; w++)
                if ((_bits[off + w] & _covered[w]) != 0) { clash = true; break; }
            if (clash) continue;
            for (int w = 0; w < _words; w++) _covered[w] |= _bits[off + w];
            _chosen[depth] = c;
            Search(depth + 1, next, rest, firstUncovered);
            for (int w = 0; w < _words; w++) _covered[w] &= ~_bits[off + w];
            if (_aborted) return;
        }
    }
}
