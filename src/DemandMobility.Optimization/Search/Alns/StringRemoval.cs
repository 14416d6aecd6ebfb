using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// String removal, after SISR (Christiaens &amp; Vanden Berghe 2020, "Slack induction by string removals for
/// vehicle routing problems", Transportation Science 54(2), Section 4.1): from a random seed request, visit
/// requests by pickup proximity and, in each route not yet ruined, remove the requests of a string of
/// consecutive stops around the visited one, until k_s routes are ruined.
/// </summary>
/// <remarks>
/// Adapted to pickup and delivery: a string is a run of consecutive stops, and every request with a stop in
/// it loses both stops. The paper's average removal c̄ is the ALNS's <c>count</c>; L_max = 10 stops.
/// Removing whole strings frees contiguous slack in long routes, where scattered removals leave each gap too
/// small to reorder the route (the Li &amp; Lim 2xx instances with 2–4 long routes).
/// </remarks>
internal sealed class StringRemoval : IRuinOperator
{
    private const int MaxStringStops = 10;
    private readonly List<int> _movable = new();
    private readonly List<int> _toRemove = new();
    private double[] _keys = Array.Empty<double>();
    private int[] _items = Array.Empty<int>();
    private bool[] _ruined = Array.Empty<bool>();
    public string Name => "string";

    public void Ruin(SearchContext ctx, SearchState state, int count)
    {
        RuinHelpers.Movable(ctx, state, _movable);
        int n = _movable.Count;
        if (n == 0) return;
        var data = ctx.Data;
        var rng = ctx.Random;
        // Average stops per used route bounds the string length (the paper's l_s^max).
        int usedRoutes = 0, stopsInUsed = 0;
        foreach (var route in state.Routes)
            if (route.RequestStops > 0) { usedRoutes++; stopsInUsed += route.RequestStops; }
        if (usedRoutes == 0) return;
        double lsMax = Math.Min(MaxStringStops, (double)stopsInUsed / usedRoutes);
        // Each removed request costs two stops, so c̄ requests are about 2c̄ stops.
        double ksMax = 4.0 * 2 * count / (1 + lsMax) - 1;
        int ks = (int)(rng.NextDouble() * Math.Max(1, ksMax)) + 1;

        if (_keys.Length < n) { _keys = new double[n * 2]; _items = new int[n * 2]; }
        if (_ruined.Length < state.Routes.Length) _ruined = new bool[state.Routes.Length];
        Array.Clear(_ruined, 0, state.Routes.Length);
        int seed = _movable[rng.Next(n)];
        int seedLoc = data.Pickups[seed].Location;
        for (int i = 0; i < n; i++)
        {
            int r = _movable[i];
            _items[i] = r;
            _keys[i] = data.Matrix.Duration(seedLoc, data.Pickups[r].Location);
        }
        Array.Sort(_keys, _items, 0, n);

        _toRemove.Clear();
        int ruinedRoutes = 0;
        for (int i = 0; i < n && ruinedRoutes < ks; i++)
        {
            int v = state.RouteOf[_items[i]];
            if (v < 0 || _ruined[v]) continue;
            _ruined[v] = true;
            ruinedRoutes++;
            CollectString(ctx, state.Routes[v], _items[i], lsMax, _toRemove);
        }
        foreach (int r in _toRemove) state.Remove(ctx, r);
    }

    /// <summary>Adds the movable requests of a random string of consecutive stops containing a stop of <paramref name="request"/>.</summary>
    private static void CollectString(SearchContext ctx, Routes.WorkingRoute route, int request, double lsMax, List<int> output)
    {
        var stops = route.Stops;
        int at = -1;
        for (int k = 0; k < stops.Length; k++)
            if (stops[k].Request == request) { at = k; break; }
        if (at < 0) return;
        int maxLen = (int)Math.Min(stops.Length, lsMax);
        int len = 1 + ctx.Random.Next(Math.Max(1, maxLen));
        // Random placement of the string around the anchor stop, clipped to the route.
        int first = at - ctx.Random.Next(len);
        if (first < 0) first = 0;
        if (first + len > stops.Length) first = Math.Max(0, stops.Length - len);
        for (int k = first; k < first + len && k < stops.Length; k++)
        {
            int r = stops[k].Request;
            if (r < 0 || stops[k].Kind == StopKind.Break || ctx.Fixed[r] || output.Contains(r)) continue;
            output.Add(r);
        }
    }
}
