namespace DemandMobility.Optimization.Search.Alns;

/// <summary>How <see cref="SequentialInsertion"/> orders the requests it reinserts.</summary>
internal enum InsertionOrder
{
    /// <summary>Random order.</summary>
    Random,
    /// <summary>By earliest pickup time (tightest schedules first).</summary>
    EarliestPickup,
    /// <summary>Largest direct trip first.</summary>
    LongestTrip,
}

/// <summary>
/// Recreate by sequential best insertion in a chosen order, each request at its cheapest position over all
/// open routes (Christiaens &amp; Vanden Berghe 2020, "Slack induction by string removals for vehicle routing
/// problems", Transp. Sci. 54(2), Section 4.2, without their blinks). Unlike greedy and regret insertion,
/// the order does not follow the costs, so it reaches solutions where a cheap request must wait for a
/// tight one.
/// </summary>
internal sealed class SequentialInsertion : IRecreateOperator
{
    private readonly InsertionOrder _order;
    private readonly List<int> _pending = new();
    private double[] _keys = Array.Empty<double>();

    public SequentialInsertion(InsertionOrder order)
    {
        _order = order;
        Name = "sequential-" + order;
    }

    public string Name { get; }

    public void Recreate(SearchContext ctx, SearchState state)
    {
        var data = ctx.Data;
        _pending.Clear();
        _pending.AddRange(state.Unassigned);
        int n = _pending.Count;
        if (n == 0) return;
        if (_keys.Length < n) _keys = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            int r = _pending[i];
            double key = _order switch
            {
                InsertionOrder.EarliestPickup => data.Pickups[r].Earliest + (data.Deliveries[r].Latest - data.Deliveries[r].Earliest) * 1e-9,
                InsertionOrder.LongestTrip => -data.Matrix.Duration(data.Pickups[r].Location, data.Deliveries[r].Location),
                _ => ctx.Random.NextDouble(),
            };
            // MustServe first, whatever the order.
            _keys[i] = (data.MustServe[r] ? -1e300 : 0) + key + ctx.Random.NextDouble() * 1e-9;
        }
        var items = _pending.ToArray();
        Array.Sort(_keys, items, 0, n);
        foreach (int r in items)
        {
            int bestV = -1, bestP = -1, bestD = -1;
            double best = double.PositiveInfinity;
            for (int v = 0; v < state.Routes.Length; v++)
            {
                if (!ctx.VehicleOpen[v]) continue;
                if (ctx.Pairs.BestInRoute(state.Routes[v], r, out int p, out int d, out double c, best) && c < best)
                {
                    best = c; bestV = v; bestP = p; bestD = d;
                }
            }
            if (bestV >= 0) state.Insert(ctx, r, bestV, bestP, bestD);
        }
    }
}
