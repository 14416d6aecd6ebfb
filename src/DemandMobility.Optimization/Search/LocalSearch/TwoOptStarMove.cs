using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// 2-opt* (Potvin &amp; Rousseau 1995, "An exchange heuristic for routeing problems with time windows", JORS 46):
/// two routes exchange their tails. With pickups and deliveries a tail may only start where the vehicle is
/// empty, so that no request is split between two vehicles (the PD-2-opt* restriction of Li &amp; Lim's and
/// Ropke &amp; Cordeau's neighbourhoods). Each candidate is head of one route ⊕ tail of the other ⊕ end, evaluated
/// in O(1) from the cached segments (Vidal et al. 2013).
/// </summary>
/// <remarks>
/// Cut convention (as <see cref="WorkingRoute"/>'s positions): cut a keeps stops 1..a as the head and moves
/// stops a+1..n as the tail; a ≥ the locked prefix and the load after position a must be zero (which also
/// keeps requests on board at the start on their vehicle). Routes with a break are skipped (a break belongs to
/// its vehicle). Where ride-time limits or a schedule-dependent objective make the segment figure a bound, the
/// candidates that beat the best so far on that bound are confirmed by the exact schedule.
/// </remarks>
internal sealed class TwoOptStarMove : ILocalSearchMove
{
    private StopNode[] _seq1 = new StopNode[64], _seq2 = new StopNode[64];
    private int[] _cuts1 = new int[64], _cuts2 = new int[64];
    private bool[] _tailOk1 = new bool[64], _tailOk2 = new bool[64];
    private readonly int[] _touched = new int[2];
    private int _v1 = -1, _v2 = -1, _a, _b;

    public bool IntraRoute => false;
    public ReadOnlySpan<int> TouchedRoutes => _touched;

    public double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold)
    {
        _v1 = -1;
        var data = ctx.Data;
        if (v1 == v2 || !ctx.VehicleOpen[v1] || !ctx.VehicleOpen[v2]) return double.PositiveInfinity;
        var route1 = state.Routes[v1];
        var route2 = state.Routes[v2];
        if (!route1.HasSegments || !route2.HasSegments || !route1.Feasible || !route2.Feasible) return double.PositiveInfinity;
        if (route1.RequestStops == 0 && route2.RequestStops == 0) return double.PositiveInfinity;
        route1.EnsureSegments(data);
        route2.EnsureSegments(data);
        int c1 = Cuts(data, route1, v2, ref _cuts1, ref _tailOk1);
        int c2 = Cuts(data, route2, v1, ref _cuts2, ref _tailOk2);
        if (c1 == 0 || c2 == 0) return double.PositiveInfinity;

        var costs = ctx.SegmentCosts;
        var m = data.Matrix;
        bool exact = costs.IsExact(route1.HasRideLimits || route2.HasRideLimits);
        int n1 = route1.Count, n2 = route2.Count;
        double before = route1.Metrics.Cost + route2.Metrics.Cost;
        double best = threshold;
        for (int x = 0; x < c1; x++)
        {
            int a = _cuts1[x];
            if (!_tailOk1[a]) continue;
            ref readonly var head1 = ref route1.HeadTo(a);
            for (int y = 0; y < c2; y++)
            {
                int b = _cuts2[y];
                if (!_tailOk2[b]) continue;
                if (a == n1 && b == n2) continue; // both tails empty: nothing moves
                var new1 = b < n2 ? RouteSegment.Concat(head1, route2.TailFrom(b + 1), m) : head1;
                new1 = RouteSegment.Concat(new1, route1.EndSegment, m);
                if (!costs.TryCost(v1, new1, route1.InitialLoad, out double cost1)) continue;
                if (cost1 - before >= best) continue; // route costs are never negative
                ref readonly var head2 = ref route2.HeadTo(b);
                var new2 = a < n1 ? RouteSegment.Concat(head2, route1.TailFrom(a + 1), m) : head2;
                new2 = RouteSegment.Concat(new2, route2.EndSegment, m);
                if (!costs.TryCost(v2, new2, route2.InitialLoad, out double cost2)) continue;
                double delta = cost1 + cost2 - before;
                if (delta >= best) continue;
                if (!exact)
                {
                    // The segment figure is a lower bound: confirm on the exact schedule.
                    int len1 = Build(route1, route2, a, b, ref _seq1);
                    if (!ctx.Evaluator.Evaluate(v1, _seq1.AsSpan(0, len1), route1.InitialLoad, out var m1)) continue;
                    if (m1.Cost - before >= best) continue;
                    int len2 = Build(route2, route1, b, a, ref _seq2);
                    if (!ctx.Evaluator.Evaluate(v2, _seq2.AsSpan(0, len2), route2.InitialLoad, out var m2)) continue;
                    delta = m1.Cost + m2.Cost - before;
                    if (delta >= best) continue;
                }
                best = delta;
                _v1 = v1; _v2 = v2; _a = a; _b = b;
            }
        }
        return _v1 < 0 ? double.PositiveInfinity : best;
    }

    public void Apply(SearchContext ctx, SearchState state)
    {
        if (_v1 < 0) throw new InvalidOperationException("No 2-opt* move was found to apply.");
        var route1 = state.Routes[_v1];
        var route2 = state.Routes[_v2];
        int len1 = Build(route1, route2, _a, _b, ref _seq1);
        int len2 = Build(route2, route1, _b, _a, ref _seq2);
        route1.SetStops(_seq1.AsSpan(0, len1));
        route1.Update(ctx.Evaluator);
        route2.SetStops(_seq2.AsSpan(0, len2));
        route2.Update(ctx.Evaluator);
        foreach (ref readonly var s in route1.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = _v1;
        foreach (ref readonly var s in route2.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = _v2;
        _touched[0] = _v1;
        _touched[1] = _v2;
        _v1 = -1;
    }

    /// <summary>Stops 1..a of <paramref name="head"/> followed by stops b+1.. of <paramref name="tail"/>.</summary>
    private static int Build(WorkingRoute head, WorkingRoute tail, int a, int b, ref StopNode[] seq)
    {
        int len = a + (tail.Count - b);
        if (seq.Length < len) seq = new StopNode[Math.Max(len, 2 * seq.Length)];
        head.Stops[..a].CopyTo(seq);
        tail.Stops[b..].CopyTo(seq.AsSpan(a));
        return len;
    }

    /// <summary>
    /// Cut positions of <paramref name="route"/> where the vehicle is empty, and per position whether the
    /// tail from there may be served by <paramref name="other"/> (pins, groups).
    /// </summary>
    private static int Cuts(ProblemData data, WorkingRoute route, int other, ref int[] cuts, ref bool[] tailOk)
    {
        int n = route.Count;
        if (cuts.Length < n + 1) { cuts = new int[2 * (n + 1)]; tailOk = new bool[2 * (n + 1)]; }
        tailOk[n] = true;
        for (int i = n - 1; i >= 0; i--)
        {
            int r = route.Stop(i).Request;
            tailOk[i] = tailOk[i + 1] && (r < 0 || data.Allowed(r, other));
        }
        int count = 0;
        for (int a = route.LockedCount; a <= n; a++)
            if (route.LoadAfter(a) == LoadVector.Zero) cuts[count++] = a;
        return count;
    }
}
