using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// PD-shift (Li &amp; Lim 2001, "A metaheuristic for the pickup and delivery problem with time windows", the
/// shift operator; Nanry &amp; Barnes 2000): a request leaves its route with both stops and enters another route
/// at the best pickup and delivery positions, in both directions of a route pair. Each candidate is evaluated
/// in O(1) amortised from cached segments (Vidal et al. 2013): the shortened source route is head ⊕ inner run ⊕
/// tail once per request, the target positions come from <see cref="SegmentInsertion"/>.
/// </summary>
internal sealed class PdShiftMove : ILocalSearchMove
{
    private StopNode[] _from = new StopNode[64];
    private readonly SegmentInsertion _insertion = new();
    private readonly int[] _touched = new int[2];
    private int _request = -1, _target, _source, _pickupBefore, _deliveryBefore;

    public bool IntraRoute => false;
    public ReadOnlySpan<int> TouchedRoutes => _touched;

    public double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold)
    {
        _request = -1;
        if (v1 == v2 || !ctx.VehicleOpen[v1] || !ctx.VehicleOpen[v2]) return double.PositiveInfinity;
        double best = threshold;
        Direction(ctx, state, v1, v2, ref best);
        Direction(ctx, state, v2, v1, ref best);
        return _request < 0 ? double.PositiveInfinity : best;
    }

    private void Direction(SearchContext ctx, SearchState state, int vs, int vt, ref double best)
    {
        var source = state.Routes[vs];
        var target = state.Routes[vt];
        if (!source.HasSegments || !target.HasSegments || !source.Feasible || !target.Feasible || source.RequestStops == 0) return;
        var data = ctx.Data;
        source.EnsureSegments(data);
        target.EnsureSegments(data);
        var m = data.Matrix;
        var costs = ctx.SegmentCosts;
        int n = source.Count;
        double before = source.Metrics.Cost + target.Metrics.Cost;
        for (int p = source.LockedCount + 1; p <= n; p++)
        {
            ref readonly var pickup = ref source.Stop(p - 1);
            int r = pickup.Request;
            if (pickup.Kind != Model.StopKind.Pickup || ctx.Fixed[r] || !data.Allowed(r, vt)) continue;
            int d = p + 1;
            while (source.Stop(d - 1).Request != r || source.Stop(d - 1).Kind != Model.StopKind.Delivery) d++;
            // The source without the request: head(p − 1) ⊕ stops p+1..d−1 ⊕ tail(d + 1) ⊕ end.
            var shortened = source.HeadTo(p - 1);
            for (int k = p + 1; k < d; k++) shortened = RouteSegment.Concat(shortened, RouteSegment.Of(source.Stop(k - 1)), m);
            if (d < n) shortened = RouteSegment.Concat(shortened, source.TailFrom(d + 1), m);
            shortened = RouteSegment.Concat(shortened, source.EndSegment, m);
            if (!costs.TryCost(vs, shortened, source.InitialLoad, out double sourceCost)) continue;
            if (sourceCost - before >= best) continue; // the target's cost is never negative
            bool exact = costs.IsExact(source.HasRideLimits || target.HasRideLimits || !double.IsPositiveInfinity(data.Deliveries[r].MaxRide));
            if (!exact)
            {
                // The segment figure is a lower bound: the shortened source on the exact schedule.
                int lf = BuildSource(source, p, d, ref _from);
                if (!ctx.Evaluator.Evaluate(vs, _from.AsSpan(0, lf), source.InitialLoad, out var ms)) continue;
                sourceCost = ms.Cost;
                if (sourceCost - before >= best) continue;
            }
            double targetCost = _insertion.Best(ctx, target.View(), r, exact, best + before - sourceCost, out int i, out int j);
            double delta = sourceCost + targetCost - before;
            if (double.IsPositiveInfinity(targetCost) || delta >= best) continue;
            best = delta;
            _request = r; _source = vs; _target = vt; _pickupBefore = i; _deliveryBefore = j;
        }
    }

    public void Apply(SearchContext ctx, SearchState state)
    {
        if (_request < 0) throw new InvalidOperationException("No PD-shift move was found to apply.");
        state.Remove(ctx, _request);
        state.Insert(ctx, _request, _target, _pickupBefore, _deliveryBefore);
        _touched[0] = _source;
        _touched[1] = _target;
        _request = -1;
    }

    private static int BuildSource(WorkingRoute route, int p, int d, ref StopNode[] seq)
    {
        int n = route.Count;
        if (seq.Length < n) seq = new StopNode[Math.Max(n, 2 * seq.Length)];
        int w = 0;
        for (int k = 1; k <= n; k++)
            if (k != p && k != d) seq[w++] = route.Stop(k - 1);
        return w;
    }
}
