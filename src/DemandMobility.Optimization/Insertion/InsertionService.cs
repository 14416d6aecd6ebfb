using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Insertion;

/// <summary>
/// Live best insertion: evaluates every feasible position pair of one new request in every route of the
/// current plan and returns the options ranked by cost increase (cheapest first).
/// </summary>
/// <remarks>
/// Stages as in MATSim DRT: generate all (pickup, delivery) position pairs of every allowed vehicle,
/// prune by load and time slack in O(1) per pair, estimate the cost, sort, then run the exact schedule
/// (Cordeau &amp; Laporte 2003 eight-step scheme) on the cheapest candidates until enough feasible options
/// are found. With a distance/travel-time objective the estimate is the exact cost change, so the ranking
/// is exact; when ride or waiting time are weighted, the cheapest max(4·k, 32) feasible candidates by
/// estimate are re-ranked by their exact cost change.
/// <para>This call prepares the plan (flat data, route caches) on every call; for repeated queries on the
/// same plan keep an <see cref="InsertionContext"/> instead.</para>
/// </remarks>
public static class InsertionService
{
    /// <summary>
    /// Ranks the feasible insertions of request <paramref name="request"/> (an index into
    /// <see cref="Problem.Requests"/>, not yet in <paramref name="plan"/>) into the routes of <paramref name="plan"/>.
    /// Vehicles without a route in the plan are considered with an empty route. Returns at most
    /// <paramref name="maxOptions"/> options; an empty list means no feasible insertion.
    /// </summary>
    /// <exception cref="ArgumentException">The request index is invalid, the request is already planned or on
    /// board, or the plan is inconsistent with the problem (the message names the route and stop).</exception>
    public static IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions = 10)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        if ((uint)request >= (uint)problem.Requests.Length)
            throw new ArgumentOutOfRangeException(nameof(request), request, $"Not a request index (0..{problem.Requests.Length - 1}).");
        if (maxOptions <= 0) return Array.Empty<InsertionOption>();

        // One-shot use of the prepared context; callers with many queries on one plan keep an InsertionContext.
        return new InsertionContext(problem, plan).FindInsertions(request, maxOptions);
    }
}
