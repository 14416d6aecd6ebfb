using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Pool;

/// <summary>
/// Routes collected from the solutions the search visits, one per distinct request set (the cheapest sequence
/// seen for it), for recombination by <see cref="SetPartitioningSolver"/> (Rochat &amp; Taillard 1995's adaptive
/// memory; Parragh &amp; Schmid 2013, Section 3.3). Only meaningful when every vehicle could drive every route,
/// i.e. for a homogeneous fleet without live state; the solver decides that.
/// </summary>
/// <remarks>
/// A request set is identified by the XOR of per-request random 64-bit keys (Zobrist hashing), so a route is
/// looked up without allocating; a new set is compared element by element before it is treated as known. The pool
/// stops growing at its capacity (deterministically: first come, first kept), which bounds memory and the set
/// partitioning input.
/// </remarks>
internal sealed class RoutePool
{
    private readonly ulong[] _keys;
    private readonly Dictionary<ulong, int> _index = new();
    private readonly List<PooledRoute> _routes = new();
    private readonly List<int[]> _sets = new();
    private readonly List<double> _costs = new();
    private readonly int[] _scratch;
    private readonly int _capacity;

    /// <summary>Creates an empty pool for <paramref name="requestCount"/> requests holding at most <paramref name="capacity"/> routes.</summary>
    public RoutePool(int requestCount, int capacity)
    {
        _capacity = capacity;
        _keys = new ulong[requestCount];
        _scratch = new int[requestCount];
        // A fixed seed: the keys only identify sets and must not consume the search's random stream.
        var rng = new Random(0x5EED);
        for (int r = 0; r < requestCount; r++) _keys[r] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 63);
    }

    /// <summary>Number of distinct request sets held.</summary>
    public int Count => _routes.Count;

    /// <summary>The pooled routes, in insertion order.</summary>
    public IReadOnlyList<PooledRoute> Routes => _routes;

    /// <summary>Per pooled route, its request set (same order as <see cref="Routes"/>).</summary>
    public IReadOnlyList<int[]> Sets => _sets;

    /// <summary>Per pooled route, its cost (same order as <see cref="Routes"/>).</summary>
    public IReadOnlyList<double> Costs => _costs;

    /// <summary>Adds a feasible, up-to-date route, or replaces the pooled sequence for its request set when cheaper.</summary>
    /// <returns>True when the pool changed.</returns>
    public bool Add(WorkingRoute route)
    {
        if (!route.Feasible || route.RequestStops == 0) return false;
        ulong hash = 0;
        int n = 0;
        var stops = route.Stops;
        for (int k = 0; k < stops.Length; k++)
            if (stops[k].Kind == StopKind.Pickup)
            {
                hash ^= _keys[stops[k].Request];
                _scratch[n++] = stops[k].Request;
            }
        double cost = route.Metrics.Cost;
        if (_index.TryGetValue(hash, out int i))
        {
            var known = _routes[i];
            if (cost >= known.Cost - 1e-9 || !SameSet(known.Requests, n)) return false;
            known.Stops = stops.ToArray();
            known.Cost = cost;
            _costs[i] = cost;
            return true;
        }
        if (_routes.Count >= _capacity) return false;
        var set = _scratch.AsSpan(0, n).ToArray();
        Array.Sort(set);
        _index.Add(hash, _routes.Count);
        _routes.Add(new PooledRoute(set, stops.ToArray(), cost));
        _sets.Add(set);
        _costs.Add(cost);
        return true;
    }

    /// <summary>
    /// Replaces every route of <paramref name="state"/> by the chosen pooled routes (vehicle 0 gets the first, and
    /// so on; the remaining vehicles stay empty) and rebuilds its index. Valid only for a fleet on which every route
    /// fits every vehicle.
    /// </summary>
    /// <returns>False (state then undefined) when a route turns out infeasible on its vehicle or there are more
    /// columns than vehicles.</returns>
    public bool Install(IReadOnlyList<int> columns, SearchState state, ScheduleEvaluator evaluator)
    {
        var routes = state.Routes;
        if (columns.Count > routes.Length) return false;
        for (int v = 0; v < routes.Length; v++)
        {
            routes[v].SetStops(v < columns.Count ? _routes[columns[v]].Stops : ReadOnlySpan<StopNode>.Empty);
            routes[v].Update(evaluator);
            if (!routes[v].Feasible) return false;
        }
        state.RebuildIndex();
        return true;
    }

    private bool SameSet(int[] sorted, int n)
    {
        if (sorted.Length != n) return false;
        Array.Sort(_scratch, 0, n);
        for (int k = 0; k < n; k++)
            if (_scratch[k] != sorted[k]) return false;
        return true;
    }
}
