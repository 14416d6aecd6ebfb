using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// The cheapest feasible insertion of a request into a route for a local search that only wants it when it costs less
/// than a threshold (the saving of the move so far). When the objective does not depend on the schedule, the O(1)
/// cost estimate of <see cref="PairInsertionEvaluator.Generate"/> is the exact cost change, so every candidate at or
/// above the threshold can be skipped without its exact schedule check; most reinsertions of a well-placed request
/// then cost no schedule evaluation at all. The result equals <see cref="PairInsertionEvaluator.BestInRoute"/>'s
/// whenever that one is below the threshold.
/// </summary>
/// <remarks>With a schedule-dependent objective (ride-time or waiting weights) the estimate is no bound, and this
/// falls back to <see cref="PairInsertionEvaluator.BestInRoute"/> unchanged.</remarks>
internal sealed class BoundedInsertion
{
    private readonly CandidateBuffer _candidates = new();

    /// <summary>
    /// Cheapest feasible insertion of <paramref name="request"/> into <paramref name="route"/> when one costs less than
    /// <paramref name="threshold"/>; false otherwise (a returned delta may still reach the threshold by rounding).
    /// </summary>
    public bool Best(SearchContext ctx, WorkingRoute route, int request, double threshold, out int pickup, out int delivery, out double delta)
    {
        var pairs = ctx.Pairs;
        if (pairs.ScheduleDependentCost) return pairs.BestInRoute(route, request, out pickup, out delivery, out delta);
        pickup = delivery = -1;
        delta = double.PositiveInfinity;
        if (!route.Feasible || !ctx.Data.Allowed(request, route.Vehicle)) return false;
        _candidates.Clear();
        pairs.Generate(route, 0, request, _candidates);
        bool any = false;
        for (int c = 0; c < _candidates.Count && !any; c++) any = _candidates[c].Cost < threshold;
        if (!any) return false;
        _candidates.SortByCost();
        for (int c = 0; c < _candidates.Count; c++)
        {
            ref var cand = ref _candidates[c];
            if (cand.Cost >= threshold) return false;
            if (!cand.NeedsExact) delta = cand.Cost;
            else if (!pairs.TryExact(route, request, cand.Pickup, cand.Delivery, out delta)) continue;
            pickup = cand.Pickup;
            delivery = cand.Delivery;
            return true;
        }
        return false;
    }
}
