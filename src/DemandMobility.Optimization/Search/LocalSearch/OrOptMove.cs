using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Or-opt (Or 1976): a block of one to <see cref="MaxBlock"/> consecutive stops moves to another place in the
/// same route, keeping its order. With pickups and deliveries a block may not pass its own requests' other
/// ends. Each candidate is head ⊕ block ⊕ passed stops ⊕ tail (or head ⊕ passed stops ⊕ block ⊕ tail),
/// evaluated in O(1) amortised from the cached segments (Vidal et al. 2013): the run of passed stops grows by
/// one stop per candidate.
/// </summary>
/// <remarks>
/// Blocks never include locked stops or stops of requests the search may not move, and never move into the
/// locked prefix. Routes with a break are skipped.
/// </remarks>
internal sealed class OrOptMove : ILocalSearchMove
{
    /// <summary>Longest block tried (Or's original 1–3).</summary>
    public const int MaxBlock = 3;
    private StopNode[] _seq = new StopNode[64];
    private readonly int[] _touched = new int[1];
    private int _v = -1, _i, _j, _k;

    public bool IntraRoute => true;
    public ReadOnlySpan<int> TouchedRoutes => _touched;

    public double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold)
    {
        _v = -1;
        var route = state.Routes[v1];
        if (!route.HasSegments || !route.Feasible || route.RequestStops < 2 || !ctx.VehicleOpen[v1]) return double.PositiveInfinity;
        route.EnsureSegments(ctx.Data);
        var costs = ctx.SegmentCosts;
        var m = ctx.Data.Matrix;
        bool exact = costs.IsExact(route.HasRideLimits);
        int n = route.Count, locked = route.LockedCount;
        double before = route.Metrics.Cost, best = threshold;
        var end = route.EndSegment;
        for (int i = locked + 1; i <= n; i++)
        {
            var block = RouteSegment.Of(route.Stop(i - 1));
            for (int j = i; j <= Math.Min(n, i + MaxBlock - 1); j++)
            {
                if (j > i) block = RouteSegment.Concat(block, RouteSegment.Of(route.Stop(j - 1)), m);
                int request = route.Stop(j - 1).Request;
                if ((uint)request >= (uint)ctx.Fixed.Length || ctx.Fixed[request]) break;
                var rest = j < n ? RouteSegment.Concat(route.TailFrom(j + 1), end, m) : end;
                // Earlier: after position k < i − 1; the passed stops are k+1..i−1.
                var mid = default(RouteSegment);
                for (int k = i - 2; k >= locked; k--)
                {
                    ref readonly var passed = ref route.Stop(k);
                    if (passed.Kind == Model.StopKind.Pickup && InBlock(route, passed.Request, i, j)) break;
                    mid = k == i - 2 ? RouteSegment.Of(passed) : RouteSegment.Concat(RouteSegment.Of(passed), mid, m);
                    var whole = RouteSegment.Concat(RouteSegment.Concat(RouteSegment.Concat(route.HeadTo(k), block, m), mid, m), rest, m);
                    Consider(ctx, route, whole, exact, before, ref best, i, j, k);
                }
                // Later: after position k > j; the passed stops are j+1..k.
                for (int k = j + 1; k <= n; k++)
                {
                    ref readonly var passed = ref route.Stop(k - 1);
                    if (passed.Kind == Model.StopKind.Delivery && InBlock(route, passed.Request, i, j)) break;
                    mid = k == j + 1 ? RouteSegment.Of(passed) : RouteSegment.Concat(mid, RouteSegment.Of(passed), m);
                    var after = k < n ? RouteSegment.Concat(RouteSegment.Concat(block, route.TailFrom(k + 1), m), end, m) : RouteSegment.Concat(block, end, m);
                    var whole = RouteSegment.Concat(RouteSegment.Concat(route.HeadTo(i - 1), mid, m), after, m);
                    Consider(ctx, route, whole, exact, before, ref best, i, j, k);
                }
            }
        }
        return _v < 0 ? double.PositiveInfinity : best;
    }

    private void Consider(SearchContext ctx, WorkingRoute route, in RouteSegment whole, bool exact, double before, ref double best, int i, int j, int k)
    {
        if (!ctx.SegmentCosts.TryCost(route.Vehicle, whole, route.InitialLoad, out double cost)) return;
        double delta = cost - before;
        if (delta >= best) return;
        if (!exact)
        {
            int len = Build(route, i, j, k, ref _seq);
            if (!ctx.Evaluator.Evaluate(route.Vehicle, _seq.AsSpan(0, len), route.InitialLoad, out var metrics)) return;
            delta = metrics.Cost - before;
            if (delta >= best) return;
        }
        best = delta;
        _v = route.Vehicle; _i = i; _j = j; _k = k;
    }

    public void Apply(SearchContext ctx, SearchState state)
    {
        if (_v < 0) throw new InvalidOperationException("No Or-opt move was found to apply.");
        var route = state.Routes[_v];
        int len = Build(route, _i, _j, _k, ref _seq);
        route.SetStops(_seq.AsSpan(0, len));
        route.Update(ctx.Evaluator);
        _touched[0] = _v;
        _v = -1;
    }

    private static bool InBlock(WorkingRoute route, int request, int i, int j)
    {
        for (int p = i; p <= j; p++)
            if (route.Stop(p - 1).Request == request) return true;
        return false;
    }

    /// <summary>The route's stops with block i..j moved to after position k (positions of the current route).</summary>
    private static int Build(WorkingRoute route, int i, int j, int k, ref StopNode[] seq)
    {
        int n = route.Count;
        if (seq.Length < n) seq = new StopNode[Math.Max(n, 2 * seq.Length)];
        var stops = route.Stops;
        int w = 0;
        if (k < i)
        {
            stops[..k].CopyTo(seq);
            w = k;
            stops[(i - 1)..j].CopyTo(seq.AsSpan(w)); w += j - i + 1;
            stops[k..(i - 1)].CopyTo(seq.AsSpan(w)); w += i - 1 - k;
            stops[j..].CopyTo(seq.AsSpan(w)); w += n - j;
        }
        else
        {
            stops[..(i - 1)].CopyTo(seq);
            w = i - 1;
            stops[j..k].CopyTo(seq.AsSpan(w)); w += k - j;
            stops[(i - 1)..j].CopyTo(seq.AsSpan(w)); w += j - i + 1;
            stops[k..].CopyTo(seq.AsSpan(w)); w += n - k;
        }
        return w;
    }
}
