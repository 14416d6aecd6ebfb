using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Best position pair for one request in a route given as a <see cref="SegmentView"/>: every candidate is
/// head(i) ⊕ pickup ⊕ stops i+1..j ⊕ delivery ⊕ tail(j+1) ⊕ end, O(1) amortised (Vidal et al. 2013): the run up
/// to the delivery grows by one stop per delivery position and is cut short as soon as it has time warp or too
/// much load (both only grow when a run is extended). Shared by PD-shift, exchange and relocate.
/// </summary>
internal sealed class SegmentInsertion
{
    private const double Eps = 1e-7;
    private StopNode[] _seq = new StopNode[64];

    /// <summary>
    /// Lowest cost of the route with request <paramref name="request"/> inserted, among candidates cheaper than
    /// <paramref name="bound"/>; +∞ when there is none. With <paramref name="exact"/> false the segment cost is a
    /// lower bound and each candidate that beats the best so far on it is confirmed by the exact schedule.
    /// Positions are stop indices of the view before insertion: pickup before stop <paramref name="pickupBefore"/>,
    /// delivery before stop <paramref name="deliveryBefore"/>.
    /// </summary>
    public double Best(SearchContext ctx, SegmentView route, int request, bool exact, double bound, out int pickupBefore, out int deliveryBefore)
    {
        pickupBefore = deliveryBefore = -1;
        var data = ctx.Data;
        var m = data.Matrix;
        var costs = ctx.SegmentCosts;
        var capacity = data.Problem.Vehicles[route.Vehicle].Capacity;
        var pSeg = RouteSegment.Of(data.Pickups[request]);
        var dSeg = RouteSegment.Of(data.Deliveries[request]);
        int n = route.Count;
        double best = bound;
        for (int i = route.LockedCount; i <= n; i++)
        {
            var run = RouteSegment.Concat(route.HeadTo(i), pSeg, m);
            for (int j = i; j <= n; j++)
            {
                if (j > i) run = RouteSegment.Concat(run, RouteSegment.Of(route.Stops[j - 1]), m);
                if (run.TimeWarp > Eps || !(route.InitialLoad + run.Peak).FitsWithin(capacity)) break;
                var whole = RouteSegment.Concat(run, dSeg, m);
                if (j < n) whole = RouteSegment.Concat(whole, route.TailFrom(j + 1), m);
                whole = RouteSegment.Concat(whole, route.End, m);
                if (!costs.TryCost(route.Vehicle, whole, route.InitialLoad, out double cost) || cost >= best) continue;
                if (!exact)
                {
                    int len = Build(route, data.Pickups[request], data.Deliveries[request], i, j);
                    if (!ctx.Evaluator.Evaluate(route.Vehicle, _seq.AsSpan(0, len), route.InitialLoad, out var metrics)) continue;
                    cost = metrics.Cost;
                    if (cost >= best) continue;
                }
                best = cost;
                pickupBefore = i;
                deliveryBefore = j;
            }
        }
        return pickupBefore < 0 ? double.PositiveInfinity : best;
    }

    private int Build(SegmentView route, in StopNode pickup, in StopNode delivery, int i, int j)
    {
        int n = route.Count;
        if (_seq.Length < n + 2) _seq = new StopNode[Math.Max(n + 2, 2 * _seq.Length)];
        var stops = route.Stops;
        stops[..i].CopyTo(_seq);
        _seq[i] = pickup;
        stops[i..j].CopyTo(_seq.AsSpan(i + 1));
        _seq[j + 1] = delivery;
        stops[j..].CopyTo(_seq.AsSpan(j + 2));
        return n + 2;
    }
}
