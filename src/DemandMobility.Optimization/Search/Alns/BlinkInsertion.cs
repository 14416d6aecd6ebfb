using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// The cheapest feasible insertion of a request into one route where every candidate position pair is skipped
/// ("blinks") with probability β (Christiaens &amp; Vanden Berghe 2020, "Slack induction by string removals for
/// vehicle routing problems", Transp. Sci. 54(2), Section 4.2: greedy insertion with blinks, β = 0.01). The recreate
/// then mostly takes the cheapest position and now and then the next one, a small random disturbance that keeps a
/// long walk of string ruins from rebuilding the same routes. With β = 0 its cost is
/// <see cref="PairInsertionEvaluator.BestInRoute"/>'s (the same candidates and checks; among equal costs either pair).
/// </summary>
internal sealed class BlinkInsertion
{
    /// <summary>Exact checks per route when the objective depends on the schedule, as in the evaluator's own search.</summary>
    private const int ScheduleExactChecks = 8;
    private readonly CandidateBuffer _candidates = new();

    /// <summary>The cheapest insertion of <paramref name="request"/> into <paramref name="route"/> among the position
    /// pairs that did not blink, taken only below <paramref name="cutoff"/>.</summary>
    public bool BestInRoute(SearchContext ctx, WorkingRoute route, int request, double blinkRate, double cutoff,
        out int pickup, out int delivery, out double costDelta)
    {
        pickup = delivery = -1;
        costDelta = double.PositiveInfinity;
        if (!route.Feasible || !ctx.Data.Allowed(request, route.Vehicle)) return false;
        _candidates.Clear();
        ctx.Pairs.Generate(route, 0, request, _candidates);
        if (_candidates.Count == 0) return false;
        bool scheduleCost = ctx.Pairs.ScheduleDependentCost;
        _candidates.SortByCost();
        var rng = ctx.Random;
        int exactFound = 0;
        for (int c = 0; c < _candidates.Count; c++)
        {
            ref var cand = ref _candidates[c];
            if (!scheduleCost && cand.Cost >= cutoff) break;
            if (scheduleCost && exactFound > 0 && cand.Cost > costDelta) break;
            if (blinkRate > 0 && rng.NextDouble() < blinkRate) continue;
            double delta;
            if (!cand.NeedsExact && !scheduleCost) delta = cand.Cost;
            else if (!ctx.Pairs.TryExact(route, request, cand.Pickup, cand.Delivery, out delta)) continue;
            if (delta < costDelta)
            {
                costDelta = delta; pickup = cand.Pickup; delivery = cand.Delivery;
            }
            exactFound++;
            if (!scheduleCost || exactFound >= ScheduleExactChecks) break;
        }
        if (pickup >= 0 && costDelta >= cutoff)
        {
            pickup = delivery = -1;
            costDelta = double.PositiveInfinity;
        }
        return pickup >= 0;
    }
}
