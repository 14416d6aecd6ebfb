namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// Recreate by greedy (k = 1) or regret-k insertion (Ropke &amp; Pisinger 2006, Section 3.2): repeatedly
/// insert the unassigned request with the largest regret Σ_{h=2..k}(c_h − c_1) over its best insertion
/// costs in different routes (k = 1: the cheapest request), until none fits. Best insertions per
/// (request, route) are cached and only recomputed for the route that changed. Optional noise on the
/// costs (Section 3.6) diversifies.
/// </summary>
internal sealed class RegretInsertion : IRecreateOperator
{
    private readonly int _k;
    private readonly bool _noise;
    private double[] _cost = Array.Empty<double>();
    private int[] _pick = Array.Empty<int>(), _deliv = Array.Empty<int>();
    private readonly List<int> _pending = new();

    public RegretInsertion(int k, bool noise)
    {
        _k = k;
        _noise = noise;
        Name = (k == 1 ? "greedy" : $"regret-{k}") + (noise ? "+noise" : "");
    }

    public string Name { get; }

    public void Recreate(SearchContext ctx, SearchState state)
    {
        var data = ctx.Data;
        int vehicles = data.VehicleCount;
        _pending.Clear();
        _pending.AddRange(state.Unassigned);
        // Deterministic order for ties, MustServe first so they get the room they need.
        _pending.Sort((a, b) => data.MustServe[a] != data.MustServe[b] ? (data.MustServe[a] ? -1 : 1) : a.CompareTo(b));
        int count = _pending.Count;
        if (count == 0) return;
        if (_cost.Length < count * vehicles)
        {
            _cost = new double[count * vehicles];
            _pick = new int[count * vehicles];
            _deliv = new int[count * vehicles];
        }
        var noise = _noise ? 0.025 * ctx.NoiseScale : 0;
        for (int a = 0; a < count; a++)
            for (int v = 0; v < vehicles; v++) Evaluate(ctx, state, a, v, noise);

        Span<int> taken = stackalloc int[Math.Max(_k, 1)];
        var alive = new bool[count];
        Array.Fill(alive, true);
        int remaining = count;
        while (remaining > 0)
        {
            int bestA = -1, bestV = -1;
            double bestScore = double.NegativeInfinity, bestCost = double.PositiveInfinity;
            for (int a = 0; a < count; a++)
            {
                if (!alive[a]) continue;
                // c1 and the k-1 next best over routes (small k: partial selection, no sort).
                double c1 = double.PositiveInfinity; int v1 = -1;
                for (int v = 0; v < vehicles; v++)
                {
                    double c = _cost[a * vehicles + v];
                    if (c < c1) { c1 = c; v1 = v; }
                }
                if (v1 < 0) continue;
                double score;
                if (_k == 1) score = -c1;
                else
                {
                    score = 0;
                    taken[0] = v1;
                    for (int h = 1; h < _k; h++)
                    {
                        double ch = double.PositiveInfinity; int vh = -1;
                        for (int v = 0; v < vehicles; v++)
                        {
                            bool used = false;
                            for (int t = 0; t < h; t++) if (taken[t] == v) { used = true; break; }
                            if (used) continue;
                            double c = _cost[a * vehicles + v];
                            if (c < ch) { ch = c; vh = v; }
                        }
                        taken[h] = vh;
                        // A request with fewer than k options gets a huge regret: insert it while it still fits.
                        score += double.IsPositiveInfinity(ch) ? 1e15 : ch - c1;
                        if (vh < 0) break;
                    }
                }
                if (ctx.Data.MustServe[_pending[a]]) score += 1e18;
                if (score > bestScore || (score == bestScore && c1 < bestCost))
                {
                    bestScore = score; bestCost = c1; bestA = a; bestV = v1;
                }
            }
            if (bestA < 0) break; // nothing left fits anywhere
            int r = _pending[bestA];
            int idx = bestA * vehicles + bestV;
            state.Insert(ctx, r, bestV, _pick[idx], _deliv[idx]);
            alive[bestA] = false;
            remaining--;
            for (int a = 0; a < count; a++)
                if (alive[a]) Evaluate(ctx, state, a, bestV, noise);
        }
    }

    private void Evaluate(SearchContext ctx, SearchState state, int a, int v, double noise)
    {
        int idx = a * ctx.Data.VehicleCount + v;
        int r = _pending[a];
        var route = state.Routes[v];
        if (!ctx.VehicleOpen[v] || !ctx.Pairs.BestInRoute(route, r, out int p, out int d, out double c))
        {
            _cost[idx] = double.PositiveInfinity;
            return;
        }
        if (noise > 0) c = Math.Max(0, c + noise * (2 * ctx.Random.NextDouble() - 1));
        _cost[idx] = c;
        _pick[idx] = p;
        _deliv[idx] = d;
    }
}
