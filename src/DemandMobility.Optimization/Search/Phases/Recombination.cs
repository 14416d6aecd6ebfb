using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Pool;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// Recombination phase: routes of good accepted solutions collected in a pool, and set partitioning over the pool
/// (Parragh &amp; Schmid 2013, Section 3.3, solved by CP-SAT) to combine them into a better best. Off by default
/// (<see cref="SolverTuning.RoutePoolCapacity"/> = 0): its earlier branch-and-bound version did not improve the
/// measured results.
/// </summary>
internal sealed class Recombination
{
    private readonly SearchContext _ctx;
    private readonly SolverTuning _tuning;
    private readonly BestTracker _best;
    private readonly Action<SearchState> _improveLocally;
    private readonly RoutePool _pool;
    private readonly SetPartitioningSolver _partitioning = new();
    private SearchState? _recombined;

    private Recombination(SearchContext ctx, SolverTuning tuning, BestTracker best, Action<SearchState> improveLocally)
    {
        _ctx = ctx; _tuning = tuning; _best = best; _improveLocally = improveLocally;
        _pool = new RoutePool(ctx.Data.RequestCount, tuning.RoutePoolCapacity);
    }

    /// <summary>The phase for this run, or null when the pool is off or pooled routes could not be exchanged between vehicles.</summary>
    public static Recombination? TryCreate(SearchContext ctx, SolverTuning tuning, bool heterogeneousFleet, SearchState state,
        BestTracker best, Action<SearchState> improveLocally) =>
        CanRecombine(ctx, tuning, heterogeneousFleet, state) ? new Recombination(ctx, tuning, best, improveLocally) : null;

    /// <summary>
    /// Whether pooled routes may be recombined: every route must fit every vehicle (homogeneous fleet, no live
    /// state, no pins, nothing locked or on board), so a pooled route is valid on whichever vehicle receives it.
    /// </summary>
    private static bool CanRecombine(SearchContext ctx, SolverTuning tuning, bool heterogeneousFleet, SearchState state)
    {
        var data = ctx.Data;
        if (tuning.RoutePoolCapacity <= 0 || heterogeneousFleet) return false;
        for (int r = 0; r < data.RequestCount; r++)
            if (ctx.Fixed[r] || data.Pinned[r] >= 0 || data.OnBoardVehicle[r] >= 0) return false;
        for (int v = 0; v < data.VehicleCount; v++)
            if (data.States[v] is not null || state.Routes[v].LockedCount > 0 || state.Routes[v].InitialLoad != LoadVector.Zero) return false;
        return true;
    }

    /// <summary>Pools the routes of an accepted complete solution at most <see cref="SolverTuning.RoutePoolAdmit"/> worse than the walk's best.</summary>
    public void Admit(SearchState accepted, double cost, double walkBestCost)
    {
        if (accepted.Unassigned.Count == 0 && cost <= walkBestCost * (1 + _tuning.RoutePoolAdmit))
            foreach (var route in accepted.Routes) _pool.Add(route);
    }

    /// <summary>
    /// Set partitioning over the route pool: if some combination of pooled routes serves every request exactly once
    /// more cheaply than the best solution, it becomes the new best (after local search). Bounded by CP-SAT's
    /// deterministic time, so the call is reproducible and short.
    /// </summary>
    /// <returns>True when the best solution improved.</returns>
    public bool TryRecombine()
    {
        if (_best.State.Unassigned.Count > 0 || _pool.Count == 0) return false;
        var result = _partitioning.Solve(_ctx.Data.RequestCount, _pool.Sets, _pool.Costs, _ctx.Data.VehicleCount,
            _best.Cost, _tuning.RecombineWorkLimit);
        if (!result.Found) return false;
        var state = _recombined ??= _best.State.Clone();
        // Homogeneous fleet: a pooled route is feasible on any vehicle; a failure here would be a bug, and the
        // recombination is then simply dropped.
        if (!_pool.Install(result.Columns, state, _ctx.Evaluator)) return false;
        if (state.Unassigned.Count > 0) return false;
        _improveLocally(state);
        if (!_best.Offer(state, state.TrueCost(_ctx))) return false;
        foreach (var route in _best.State.Routes) _pool.Add(route);
        return true;
    }
}
