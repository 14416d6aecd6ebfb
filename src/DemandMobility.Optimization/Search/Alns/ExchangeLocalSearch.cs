using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// Local search on improved solutions: exchange of two requests between routes (the pair-exchange move of
/// Nanry &amp; Barnes 2000 and the "exchange" neighbourhood of Li &amp; Lim 2001 for the PDPTW): both requests
/// leave their routes and each is reinserted at its best position in the other's route. Only the
/// <see cref="Neighbours"/> nearest requests (pickup plus delivery travel time, <see cref="RequestNeighbours.Spatial"/>;
/// on a granular neighbourhood, <see cref="GranularNeighbourhood"/>, the nearest in space and time) are tried as
/// partners. A move is kept only when the two routes' exact cost drops; otherwise both routes are restored from scratch
/// copies. The second reinsertion is searched only below what the move may still cost (the cutoff of <see cref="Insertion.PairInsertionEvaluator.BestInRoute"/>).
/// </summary>
/// <remarks>
/// Relocate cannot make this step when both routes are full (capacity, ride time or windows) before one
/// request has left: the typical local optimum of the larger Cordeau DARP instances.
/// </remarks>
internal sealed class ExchangeLocalSearch(GranularNeighbourhood granular)
{
    private const int Neighbours = 10;
    private const double MinGain = 1e-7;
    private readonly List<int> _order = new();
    private RequestNeighbours? _spatial;
    private ProblemData? _spatialFor;
    private WorkingRoute?[] _scratch = Array.Empty<WorkingRoute?>();

    /// <summary>Runs passes until one finds no improving exchange; returns true when any exchange was made.</summary>
    public bool Run(SearchContext ctx, SearchState state, int maxPasses, Func<bool> stop)
    {
        var data = ctx.Data;
        int n = data.RequestCount;
        if (n < 2) return false;
        var near = Partners(ctx);
        if (_scratch.Length != state.Routes.Length) _scratch = new WorkingRoute?[state.Routes.Length];
        int k = Math.Min(Neighbours, near.Count);
        bool any = false;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            RuinHelpers.Movable(ctx, state, _order);
            for (int i = _order.Count - 1; i > 0; i--)
            {
                int j = ctx.Random.Next(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
            bool improved = false;
            foreach (int r1 in _order)
            {
                for (int t = 0; t < k; t++)
                {
                    if (stop()) return any;
                    int r2 = near.Of(r1)[t];
                    int v1 = state.RouteOf[r1], v2 = state.RouteOf[r2];
                    if (v1 < 0 || v2 < 0 || v1 == v2 || ctx.Fixed[r2]) continue;
                    if (!ctx.VehicleOpen[v1] || !ctx.VehicleOpen[v2]) continue;
                    if (TryExchange(ctx, state, r1, r2, v1, v2)) { improved = true; any = true; break; }
                }
            }
            if (!improved) break;
        }
        return any;
    }

    private bool TryExchange(SearchContext ctx, SearchState state, int r1, int r2, int v1, int v2)
    {
        var route1 = state.Routes[v1];
        var route2 = state.Routes[v2];
        double before = route1.Metrics.Cost + route2.Metrics.Cost;
        var save1 = Scratch(route1);
        var save2 = Scratch(route2);
        save1.CopyFrom(route1);
        save2.CopyFrom(route2);
        state.Remove(ctx, r1);
        state.Remove(ctx, r2);
        if (ctx.Pairs.BestInRoute(route2, r1, out int p1, out int d1, out double delta1)
            && ctx.Pairs.BestInRoute(route1, r2, out int p2, out int d2, out double delta2, before - MinGain - route1.Metrics.Cost - route2.Metrics.Cost - delta1)
            && route1.Metrics.Cost + route2.Metrics.Cost + delta1 + delta2 < before - MinGain)
        {
            state.Insert(ctx, r1, v2, p1, d1);
            state.Insert(ctx, r2, v1, p2, d2);
            // The deltas are estimates for schedule-dependent costs: keep the move only on the exact figures.
            if (route1.Feasible && route2.Feasible && route1.Metrics.Cost + route2.Metrics.Cost < before - MinGain) return true;
        }
        Restore(ctx, state, r1, r2, v1, v2, save1, save2);
        return false;
    }

    private static void Restore(SearchContext ctx, SearchState state, int r1, int r2, int v1, int v2, WorkingRoute save1, WorkingRoute save2)
    {
        state.Routes[v1].CopyFrom(save1);
        state.Routes[v2].CopyFrom(save2);
        state.RouteOf[r1] = v1;
        state.RouteOf[r2] = v2;
        state.Unassigned.Remove(r1);
        state.Unassigned.Remove(r2);
    }

    private WorkingRoute Scratch(WorkingRoute route) =>
        _scratch[route.Vehicle] ??= new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);

    /// <summary>The partner lists: space-time on a granular neighbourhood, otherwise spatial (built once per problem).</summary>
    private RequestNeighbours Partners(SearchContext ctx)
    {
        if (granular.Applies(ctx)) return granular.Lists(ctx);
        if (_spatial is null || !ReferenceEquals(_spatialFor, ctx.Data))
        {
            _spatial = RequestNeighbours.Spatial(ctx.Data, Neighbours);
            _spatialFor = ctx.Data;
        }
        return _spatial;
    }
}
