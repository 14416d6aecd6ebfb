using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// Restart phase: the starting points of the ALNS cycles that do not start from the best itself (episodes of a
/// multi-start search, random-fleet restarts of a mixed fleet).
/// </summary>
internal sealed class Restarts(SearchContext ctx, BestTracker best, double episodeRuinShare)
{
    private readonly SequentialInsertion _insertion = new(InsertionOrder.Random);
    private int _fleetRestarts;

    /// <summary>
    /// Starts an episode: the best solution with a random share (<see cref="SolverTuning.EpisodeRuinShare"/>; 1 =
    /// all) of the movable requests removed and reinserted in random order.
    /// </summary>
    public void FreshStart(SearchState state)
    {
        state.CopyFrom(best.State);
        double share = episodeRuinShare;
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && !ctx.Fixed[r] && (share >= 1 || ctx.Random.NextDouble() < share)) state.Remove(ctx, r);
        _insertion.Recreate(ctx, state);
    }

    /// <summary>
    /// Mixed fleet: rebuilds <paramref name="state"/> from the best with all movable requests reinserted on part of the
    /// fleet first, because moving a whole route to a vehicle of another type is never a step the destroy/repair
    /// moves take one request at a time.
    /// </summary>
    public void RandomFleetStart(SearchState state)
    {
        state.CopyFrom(best.State);
        var rng = ctx.Random;
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && !ctx.Fixed[r]) state.Remove(ctx, r);
        // Odd restarts open the vehicles the best solution leaves unused first (its complement), even ones
        // a random half of the fleet; vehicles with fixed requests stay open.
        bool complement = _fleetRestarts++ % 2 == 0;
        bool any = false;
        for (int v = 0; v < ctx.VehicleOpen.Length; v++)
        {
            bool open = complement ? !best.State.Routes[v].Metrics.Used : rng.NextDouble() < 0.5;
            ctx.VehicleOpen[v] = state.Routes[v].RequestStops > 0 || open;
            any |= ctx.VehicleOpen[v];
        }
        if (!any) ctx.VehicleOpen[rng.Next(ctx.VehicleOpen.Length)] = true;
        _insertion.Recreate(ctx, state);
        Array.Fill(ctx.VehicleOpen, true);
        _insertion.Recreate(ctx, state);
    }
}
