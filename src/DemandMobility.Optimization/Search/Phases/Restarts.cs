using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Pool;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// Restart phase: the starting points of the ALNS cycles that do not start from the best itself (episodes of a
/// multi-start search, random-fleet restarts of a mixed fleet).
/// </summary>
internal sealed class Restarts(SearchContext ctx, BestTracker best, double episodeRuinShare)
{
    private readonly SequentialInsertion _insertion = new(InsertionOrder.Random);
    private readonly BrokenPairs _brokenPairs = new(ctx.Data.RequestCount);
    private readonly bool[] _differs = new bool[ctx.Data.RequestCount];
    private SearchState? _relinkPartner;
    private int _fleetRestarts;

    /// <summary>
    /// Makes the next <see cref="FreshStart"/> a relinking start between the best and <paramref name="partner"/> (a
    /// solution the worker held before it took over another worker's best; not mutated).
    /// </summary>
    public void RelinkNext(SearchState partner) => _relinkPartner = partner;

    /// <summary>
    /// Starts an episode: the best solution with a random share (<see cref="SolverTuning.EpisodeRuinShare"/>; 1 =
    /// all) of the movable requests removed and reinserted in random order. After <see cref="RelinkNext"/>, the requests
    /// that the best and the partner serve differently (<see cref="BrokenPairs"/>) are removed first and the random
    /// share only tops them up to the same expected count: the structure both elites share is kept, and the episode
    /// searches where they disagree (the common-structure recombination of adaptive memory and path relinking:
    /// Rochat &amp; Taillard 1995, "Probabilistic diversification and intensification in local search for vehicle
    /// routing", Journal of Heuristics 1; Resende, Ribeiro, Glover &amp; Martí 2010, "Scatter search and path-relinking:
    /// fundamentals, advances, and applications", Handbook of Metaheuristics).
    /// </summary>
    public void FreshStart(SearchState state)
    {
        state.CopyFrom(best.State);
        double share = episodeRuinShare;
        if (_relinkPartner is { } partner)
        {
            _relinkPartner = null;
            RelinkStart(state, partner, share);
            return;
        }
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && !ctx.Fixed[r] && (share >= 1 || ctx.Random.NextDouble() < share)) state.Remove(ctx, r);
        _insertion.Recreate(ctx, state);
    }

    private void RelinkStart(SearchState state, SearchState partner, double share)
    {
        _brokenPairs.Mark(state, partner, _differs);
        int movable = 0, differing = 0;
        for (int r = 0; r < state.RouteOf.Length; r++)
        {
            if (state.RouteOf[r] < 0 || ctx.Fixed[r]) continue;
            movable++;
            if (_differs[r]) differing++;
        }
        // Expected removals: share × movable as in an ordinary episode, or all differing requests where they are more.
        double topUp = movable > differing ? Math.Clamp((share * movable - differing) / (movable - differing), 0, 1) : 0;
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && !ctx.Fixed[r] && (_differs[r] || ctx.Random.NextDouble() < topUp)) state.Remove(ctx, r);
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
