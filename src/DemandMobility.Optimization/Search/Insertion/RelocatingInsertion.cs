using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// Insertion of a request that fits no route as it is, by moving one request of a route elsewhere: the request goes
/// into route A without one of its requests e, and e goes into another route B, every route staying feasible (an
/// ejection chain of depth one). It stands in for the squeeze step of guided ejection search (Nagata &amp; Bräysy
/// 2009, Section 2.1: insert with penalised violations, then repair by local search), restricted to the one repair
/// move that relocates a request out of the violated route, so that no infeasible state is ever built.
/// </summary>
internal sealed class RelocatingInsertion
{
    private readonly List<int> _movable = new();
    private WorkingRoute?[] _scratch = Array.Empty<WorkingRoute?>();
    private readonly int[] _removed = new int[1];

    /// <summary>Checks made by the last <see cref="TryInsert"/> (reduced routes built).</summary>
    public long Checked { get; private set; }

    /// <summary>
    /// Searches the routes of <paramref name="vehicles"/> in their order and applies the first chain found: the request
    /// at its cheapest position in route A without e, e at its cheapest position in the first other route that takes it.
    /// </summary>
    /// <returns>True when the request was inserted (and one request moved).</returns>
    public bool TryInsert(SearchContext ctx, SearchState state, int request, ReadOnlySpan<int> vehicles)
    {
        Checked = 0;
        foreach (int a in vehicles)
        {
            var route = state.Routes[a];
            if (!route.Feasible || !ctx.Data.Allowed(request, a)) continue;
            _movable.Clear();
            for (int k = route.LockedCount; k < route.Count; k++)
            {
                ref readonly var s = ref route.Stop(k);
                if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request]) _movable.Add(s.Request);
            }
            foreach (int e in _movable)
            {
                Checked++;
                var reduced = Without(ctx, route, e);
                if (!reduced.Feasible || !ctx.Pairs.BestInRoute(reduced, request, out int p, out int d, out _)) continue;
                foreach (int b in vehicles)
                {
                    if (b == a || !ctx.Data.Allowed(e, b)) continue;
                    if (!ctx.Pairs.BestInRoute(state.Routes[b], e, out int pe, out int de, out _)) continue;
                    state.Remove(ctx, e);
                    state.Insert(ctx, request, a, p, d);
                    state.Insert(ctx, e, b, pe, de);
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The route without request <paramref name="e"/>, in a scratch route of its vehicle (only the changed
    /// segment of its caches recomputed: <see cref="WorkingRoute.CopyWithout"/>).</summary>
    private WorkingRoute Without(SearchContext ctx, WorkingRoute route, int e)
    {
        if (_scratch.Length <= route.Vehicle) Array.Resize(ref _scratch, ctx.Data.VehicleCount);
        var scratch = _scratch[route.Vehicle];
        if (scratch is null || scratch.InitialLoad != route.InitialLoad || scratch.LockedCount != route.LockedCount)
            scratch = _scratch[route.Vehicle] = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
        _removed[0] = e;
        scratch.CopyWithout(route, _removed, ctx.Evaluator);
        return scratch;
    }
}
