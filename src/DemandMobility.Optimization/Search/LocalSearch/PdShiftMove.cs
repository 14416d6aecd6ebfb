using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// PD-shift (Li &amp; Lim 2001, "A metaheuristic for the pickup and delivery problem with time windows", the
/// shift operator; Nanry &amp; Barnes 2000): a request leaves its route with both stops and enters another route
/// at the best pickup and delivery positions, in both directions of a route pair. Each candidate is evaluated
/// in O(1) amortised from cached segments (Vidal et al. 2013): the shortened source route is head ⊕ inner run ⊕
/// tail once per request, the target head(i) ⊕ pickup ⊕ stops i+1..j ⊕ delivery ⊕ tail(j+1), with the inner
/// run grown by one stop per delivery position and cut short as soon as it has time warp or too much load
/// (both only grow when a run is extended).
/// </summary>
internal sealed class PdShiftMove : ILocalSearchMove
{
    private StopNode[] _from = new StopNode[64], _to = new StopNode[64];
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
        var capacity = data.Problem.Vehicles[vt].Capacity;
        int n = source.Count, nt = target.Count;
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
            var pSeg = RouteSegment.Of(data.Pickups[r]);
            var dSeg = RouteSegment.Of(data.Deliveries[r]);
            double sourceExact = double.NaN; // the shortened source on the exact schedule, computed when first needed
            for (int i = target.LockedCount; i <= nt; i++)
            {
                if (!exact && sourceExact - before >= best) break; // also when the shortened source is infeasible (+∞)
                // Run from the start to the last stop before the delivery: head(i) ⊕ pickup ⊕ stops i+1..j.
                var run = RouteSegment.Concat(target.HeadTo(i), pSeg, m);
                for (int j = i; j <= nt; j++)
                {
                    if (j > i) run = RouteSegment.Concat(run, RouteSegment.Of(target.Stop(j - 1)), m);
                    if (run.TimeWarp > 1e-7 || !(target.InitialLoad + run.Peak).FitsWithin(capacity)) break;
                    var whole = RouteSegment.Concat(run, dSeg, m);
                    if (j < nt) whole = RouteSegment.Concat(whole, target.TailFrom(j + 1), m);
                    whole = RouteSegment.Concat(whole, target.EndSegment, m);
                    if (!costs.TryCost(vt, whole, target.InitialLoad, out double targetCost)) continue;
                    double delta = sourceCost + targetCost - before;
                    if (delta >= best) continue;
                    if (!exact)
                    {
                        if (double.IsNaN(sourceExact))
                        {
                            int lf = BuildSource(source, p, d, ref _from);
                            sourceExact = ctx.Evaluator.Evaluate(vs, _from.AsSpan(0, lf), source.InitialLoad, out var ms) ? ms.Cost : double.PositiveInfinity;
                        }
                        if (sourceExact - before >= best) break;
                        int lt = BuildTarget(target, data.Pickups[r], data.Deliveries[r], i, j, ref _to);
                        if (!ctx.Evaluator.Evaluate(vt, _to.AsSpan(0, lt), target.InitialLoad, out var mt)) continue;
                        delta = sourceExact + mt.Cost - before;
                        if (delta >= best) continue;
                    }
                    best = delta;
                    _request = r; _source = vs; _target = vt; _pickupBefore = i; _deliveryBefore = j;
                }
            }
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

    private static int BuildTarget(WorkingRoute route, in StopNode pickup, in StopNode delivery, int i, int j, ref StopNode[] seq)
    {
        int n = route.Count;
        if (seq.Length < n + 2) seq = new StopNode[Math.Max(n + 2, 2 * seq.Length)];
        var stops = route.Stops;
        stops[..i].CopyTo(seq);
        seq[i] = pickup;
        stops[i..j].CopyTo(seq.AsSpan(i + 1));
        seq[j + 1] = delivery;
        stops[j..].CopyTo(seq.AsSpan(j + 2));
        return n + 2;
    }
}
