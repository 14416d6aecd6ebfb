using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Insertion;

/// <summary>
/// Live best insertion: evaluates every feasible position pair of one new request in every route of the
/// current plan and returns the options ranked by cost increase (cheapest first).
/// </summary>
public static class InsertionService
{
    /// <summary>
    /// Ranks the feasible insertions of request <paramref name="request"/> (an index into
    /// <see cref="Problem.Requests"/>, not yet in <paramref name="plan"/>) into the routes of <paramref name="plan"/>.
    /// Vehicles without a route in the plan are considered with an empty route. Returns at most
    /// <paramref name="maxOptions"/> options; an empty list means no feasible insertion.
    /// </summary>
    public static IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions = 10)
        => throw new NotImplementedException("InsertionService is being written (issue 3).");
}
