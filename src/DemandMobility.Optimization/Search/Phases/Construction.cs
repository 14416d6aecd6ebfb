using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// Construction phase: the working state from the problem and an optional warm start (the live plan), then the
/// unplaced requests inserted.
/// </summary>
internal static class Construction
{
    /// <summary>
    /// The working state of <paramref name="initial"/> (empty routes on a cold start), with fixed requests marked in
    /// the context and requests the warm start may no longer keep sent back to the bank.
    /// </summary>
    public static SearchState BuildState(SearchContext ctx, Solution? initial)
    {
        var data = ctx.Data;
        var assigned = new bool[data.RequestCount];
        var routes = RouteFactory.Build(data, initial, ctx.Evaluator, assigned);
        for (int r = 0; r < data.RequestCount; r++)
            if (data.OnBoardVehicle[r] >= 0) ctx.Fixed[r] = true;
        foreach (var route in routes)
            for (int k = 0; k < route.LockedCount; k++)
                if (route.Stop(k).Request >= 0) ctx.Fixed[route.Stop(k).Request] = true;
        var state = new SearchState(routes, data.RequestCount);
        // A warm start may place movable requests on a vehicle that may not serve them (pin or group
        // changed since the plan was made): send them back to the bank.
        foreach (var route in routes)
        {
            var stops = route.Stops.ToArray();
            foreach (var s in stops)
                if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request] && state.RouteOf[s.Request] >= 0 && !data.Allowed(s.Request, route.Vehicle))
                    state.Remove(ctx, s.Request);
        }
        // A warm start may have drifted infeasible (live delays): drop movable requests from such routes.
        foreach (var route in routes)
        {
            if (route.Feasible) continue;
            var stops = route.Stops.ToArray();
            foreach (var s in stops)
                if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request] && state.RouteOf[s.Request] >= 0)
                {
                    state.Remove(ctx, s.Request);
                    if (route.Feasible) break;
                }
        }
        for (int r = 0; r < data.RequestCount; r++)
            if (state.RouteOf[r] < 0 && !state.Unassigned.Contains(r)) state.Unassigned.Add(r);
        return state;
    }

    /// <summary>
    /// Regret-2 insertion builds the first solution (Ropke &amp; Pisinger 2006); its cost grows with the square of the
    /// requests to place (every step re-scores every pending request), so from
    /// <see cref="SolverTuning.SequentialConstructionFrom"/> pending requests on (a whole day of a large service) the
    /// requests are placed once each in order of their earliest pickup, each at its cheapest position.
    /// </summary>
    public static void Insert(SearchContext ctx, SearchState state, SolverTuning tuning)
    {
        IRecreateOperator recreate = state.Unassigned.Count >= tuning.SequentialConstructionFrom
            ? new SequentialInsertion(InsertionOrder.EarliestPickup)
            : new RegretInsertion(2, false);
        recreate.Recreate(ctx, state);
    }
}
