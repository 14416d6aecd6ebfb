using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// PD-exchange (Nanry &amp; Barnes 2000; Li &amp; Lim 2001's exchange): a request of one route and one of another
/// swap routes, each entering the other's route at its best positions. Partners are limited to the
/// <see cref="Neighbours"/> nearest requests (<see cref="RequestNeighbours"/>). Each route without its leaving
/// request is built once (<see cref="ReducedRoute"/>, O(n)) and the insertion positions are evaluated in O(1)
/// amortised each (<see cref="SegmentInsertion"/>); nothing is applied to be reverted.
/// </summary>
/// <remarks>
/// Relocate cannot make this step when both routes are full (capacity, ride time or windows) before one
/// request has left: the typical local optimum of the larger Cordeau DARP instances.
/// </remarks>
internal sealed class ExchangeMove : ILocalSearchMove
{
    public const int Neighbours = 10;
    private readonly ReducedRoute _without1 = new(), _without2 = new();
    private readonly SegmentInsertion _insertion = new();
    private readonly int[] _touched = new int[2];
    private RequestNeighbours? _near;
    private ProblemData? _nearFor;
    private int _r1 = -1, _r2, _v1, _v2, _p1, _d1, _p2, _d2;

    public bool IntraRoute => false;
    public ReadOnlySpan<int> TouchedRoutes => _touched;

    public double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold)
    {
        _r1 = -1;
        if (v1 == v2 || !ctx.VehicleOpen[v1] || !ctx.VehicleOpen[v2]) return double.PositiveInfinity;
        var route1 = state.Routes[v1];
        var route2 = state.Routes[v2];
        if (!route1.HasSegments || !route2.HasSegments || !route1.Feasible || !route2.Feasible) return double.PositiveInfinity;
        if (route1.RequestStops == 0 || route2.RequestStops == 0) return double.PositiveInfinity;
        var data = ctx.Data;
        if (!ReferenceEquals(_nearFor, data)) { _near = new RequestNeighbours(data, Neighbours); _nearFor = data; }
        route1.EnsureSegments(data);
        route2.EnsureSegments(data);
        double best = threshold;
        Direction(ctx, state, route1, route2, ref best);
        Direction(ctx, state, route2, route1, ref best);
        return _r1 < 0 ? double.PositiveInfinity : best;
    }

    /// <summary>Requests of <paramref name="a"/> with their near partners in <paramref name="b"/>.</summary>
    private void Direction(SearchContext ctx, SearchState state, WorkingRoute a, WorkingRoute b, ref double best)
    {
        var data = ctx.Data;
        var near = _near!;
        bool exact = ctx.SegmentCosts.IsExact(a.HasRideLimits || b.HasRideLimits);
        double before = a.Metrics.Cost + b.Metrics.Cost;
        for (int p = a.LockedCount; p < a.Count; p++)
        {
            ref readonly var pickup = ref a.Stop(p);
            int r1 = pickup.Request;
            if (pickup.Kind != Model.StopKind.Pickup || ctx.Fixed[r1] || !data.Allowed(r1, b.Vehicle)) continue;
            bool built1 = false;
            for (int t = 0; t < near.Count; t++)
            {
                int r2 = near.Near[r1 * near.Count + t];
                if (state.RouteOf[r2] != b.Vehicle || ctx.Fixed[r2] || !data.Allowed(r2, a.Vehicle)) continue;
                _without2.Build(b, r2, data.Matrix);
                double cost2 = _insertion.Best(ctx, _without2.View(), r1, exact, before + best, out int p1, out int d1);
                if (double.IsPositiveInfinity(cost2)) continue;
                if (!built1) { _without1.Build(a, r1, data.Matrix); built1 = true; }
                double cost1 = _insertion.Best(ctx, _without1.View(), r2, exact, before + best - cost2, out int p2, out int d2);
                if (double.IsPositiveInfinity(cost1)) continue;
                double delta = cost1 + cost2 - before;
                if (delta >= best) continue;
                best = delta;
                _r1 = r1; _r2 = r2; _v1 = a.Vehicle; _v2 = b.Vehicle;
                _p1 = p1; _d1 = d1; _p2 = p2; _d2 = d2;
            }
        }
    }

    public void Apply(SearchContext ctx, SearchState state)
    {
        if (_r1 < 0) throw new InvalidOperationException("No exchange move was found to apply.");
        state.Remove(ctx, _r1);
        state.Remove(ctx, _r2);
        state.Insert(ctx, _r1, _v2, _p1, _d1);
        state.Insert(ctx, _r2, _v1, _p2, _d2);
        _touched[0] = _v1;
        _touched[1] = _v2;
        _r1 = -1;
    }
}
