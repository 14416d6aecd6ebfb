namespace DemandMobility.Optimization.Search.Alns;

/// <summary>A destroy operator of the large neighbourhood search: removes about <c>count</c> requests.</summary>
internal interface IRuinOperator
{
    string Name { get; }
    void Ruin(SearchContext ctx, SearchState state, int count);
}

/// <summary>Shared helpers of the ruin operators.</summary>
internal static class RuinHelpers
{
    /// <summary>Requests currently in a route that the search may move.</summary>
    public static void Movable(SearchContext ctx, SearchState state, List<int> output)
    {
        output.Clear();
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && !ctx.Fixed[r]) output.Add(r);
    }

    /// <summary>Index in [0, n) biased to small values: ⌊y^p · n⌋ (Ropke &amp; Pisinger 2006, Algorithms 2–3).</summary>
    public static int Biased(Random rng, int n, double p) => Math.Min(n - 1, (int)(Math.Pow(rng.NextDouble(), p) * n));
}

/// <summary>Random removal (Ropke &amp; Pisinger 2006, Section 3.1.3).</summary>
internal sealed class RandomRemoval : IRuinOperator
{
    private readonly List<int> _movable = new();
    public string Name => "random";

    public void Ruin(SearchContext ctx, SearchState state, int count)
    {
        RuinHelpers.Movable(ctx, state, _movable);
        for (int k = 0; k < count && _movable.Count > 0; k++)
        {
            int i = ctx.Random.Next(_movable.Count);
            state.Remove(ctx, _movable[i]);
            _movable[i] = _movable[^1];
            _movable.RemoveAt(_movable.Count - 1);
        }
    }
}

/// <summary>
/// Worst removal (Ropke &amp; Pisinger 2006, Section 3.1.2): remove requests whose removal saves most,
/// randomised by the bias p = 3.
/// </summary>
internal sealed class WorstRemoval : IRuinOperator
{
    private readonly List<int> _movable = new();
    private double[] _gain = Array.Empty<double>();
    public string Name => "worst";

    public void Ruin(SearchContext ctx, SearchState state, int count)
    {
        // Gains are computed once per call and not refreshed after each removal (Ropke & Pisinger recompute
        // them): a removal changes only its own route's gains, and one pass costs n exact evaluations
        // instead of q·n.
        RuinHelpers.Movable(ctx, state, _movable);
        int n = _movable.Count;
        if (n == 0) return;
        if (_gain.Length < n) _gain = new double[n * 2];
        var items = _movable.ToArray();
        for (int i = 0; i < n; i++) _gain[i] = -RemovalGain(ctx, state, items[i]);
        Array.Sort(_gain, items, 0, n);
        var list = new List<int>(items);
        for (int k = 0; k < count && list.Count > 0; k++)
        {
            int at = RuinHelpers.Biased(ctx.Random, list.Count, 3);
            state.Remove(ctx, list[at]);
            list.RemoveAt(at);
        }
    }

    /// <summary>How much the route's cost drops without the request (exact schedule of the shortened route).</summary>
    private static double RemovalGain(SearchContext ctx, SearchState state, int request)
    {
        var route = state.Routes[state.RouteOf[request]];
        var stops = route.Stops;
        Span<Routes.StopNode> rest = stops.Length <= 128 ? stackalloc Routes.StopNode[stops.Length] : new Routes.StopNode[stops.Length];
        int n = 0;
        foreach (ref readonly var s in stops)
            if (s.Request != request || s.Kind == Model.StopKind.Break) rest[n++] = s;
        if (!ctx.Evaluator.Evaluate(route.Vehicle, rest[..n], route.InitialLoad, out var m)) return 0;
        return route.Metrics.Cost - m.Cost;
    }
}

/// <summary>
/// Shaw (related) removal (Shaw 1998; Ropke &amp; Pisinger 2006, Section 3.1.1): starting from a random
/// request, remove requests related by pickup/delivery distance, time and load, randomised by p = 6.
/// </summary>
internal sealed class ShawRemoval : IRuinOperator
{
    private readonly List<int> _movable = new();
    private readonly List<int> _removed = new();
    public string Name => "shaw";

    public void Ruin(SearchContext ctx, SearchState state, int count)
    {
        RuinHelpers.Movable(ctx, state, _movable);
        if (_movable.Count == 0) return;
        _removed.Clear();
        int seed = _movable[ctx.Random.Next(_movable.Count)];
        state.Remove(ctx, seed);
        _removed.Add(seed);
        _movable.Remove(seed);
        var data = ctx.Data;
        var m = data.Matrix;
        double distScale = Math.Max(1e-9, ctx.NoiseScale);
        var keys = new double[_movable.Count];
        while (_removed.Count < count && _movable.Count > 0)
        {
            int basis = _removed[ctx.Random.Next(_removed.Count)];
            var bp = data.Pickups[basis]; var bd = data.Deliveries[basis];
            for (int i = 0; i < _movable.Count; i++)
            {
                int r = _movable[i];
                var p = data.Pickups[r]; var d = data.Deliveries[r];
                double dist = (m.Duration(bp.Location, p.Location) + m.Duration(bd.Location, d.Location)) / distScale;
                double time = (Math.Abs(Start(bp) - Start(p)) + Math.Abs(Start(bd) - Start(d))) / distScale;
                double load = Math.Abs(bp.Delta.Seats - p.Delta.Seats);
                keys[i] = 9 * dist + 3 * time + 2 * load;
            }
            var items = _movable.ToArray();
            var k = keys.AsSpan(0, items.Length).ToArray();
            Array.Sort(k, items);
            int chosen = items[RuinHelpers.Biased(ctx.Random, items.Length, 6)];
            state.Remove(ctx, chosen);
            _removed.Add(chosen);
            _movable.Remove(chosen);
        }
    }

    // The window's middle stands in for the visit time: cheap and stable (the schedule changes as requests move).
    private static double Start(in Routes.StopNode n)
    {
        double e = double.IsNegativeInfinity(n.Earliest) ? 0 : n.Earliest;
        double l = double.IsPositiveInfinity(n.Latest) ? e : n.Latest;
        return 0.5 * (e + l);
    }
}

/// <summary>Route removal: empties one used route, preferring short ones (used for vehicle reduction).</summary>
internal sealed class RouteRemoval : IRuinOperator
{
    private readonly List<int> _requests = new();
    public string Name => "route";

    public void Ruin(SearchContext ctx, SearchState state, int count)
    {
        int best = -1;
        double bestScore = double.PositiveInfinity;
        foreach (var route in state.Routes)
        {
            if (!route.Metrics.Used) continue;
            double score = route.RequestStops * (0.5 + ctx.Random.NextDouble());
            if (score < bestScore) { bestScore = score; best = route.Vehicle; }
        }
        if (best < 0) return;
        _requests.Clear();
        foreach (ref readonly var s in state.Routes[best].Stops)
            if (s.Kind == Model.StopKind.Pickup && !ctx.Fixed[s.Request]) _requests.Add(s.Request);
        foreach (int r in _requests) state.Remove(ctx, r);
    }
}
