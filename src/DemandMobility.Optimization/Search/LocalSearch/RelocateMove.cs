using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Intra-route relocate of a request pair (Li &amp; Lim 2001's PD-rearrange): both stops of one request leave
/// the route and return at the best pickup and delivery positions. The route without the request is built
/// once per request (<see cref="ReducedRoute"/>, O(n)); its positions are then evaluated in O(1) amortised each
/// (<see cref="SegmentInsertion"/>). Moving a request to another route is <see cref="PdShiftMove"/>.
/// </summary>
internal sealed class RelocateMove : ILocalSearchMove
{
    private readonly ReducedRoute _reduced = new();
    private readonly SegmentInsertion _insertion = new();
    private readonly int[] _touched = new int[1];
    private int _request = -1, _vehicle, _pickupBefore, _deliveryBefore;

    public bool IntraRoute => true;
    public ReadOnlySpan<int> TouchedRoutes => _touched;

    public double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold)
    {
        _request = -1;
        var route = state.Routes[v1];
        if (!route.HasSegments || !route.Feasible || route.RequestStops < 4 || !ctx.VehicleOpen[v1]) return double.PositiveInfinity;
        var data = ctx.Data;
        route.EnsureSegments(data);
        bool exact = ctx.SegmentCosts.IsExact(route.HasRideLimits);
        double before = route.Metrics.Cost, best = threshold;
        for (int p = route.LockedCount; p < route.Count; p++)
        {
            ref readonly var pickup = ref route.Stop(p);
            int r = pickup.Request;
            if (pickup.Kind != Model.StopKind.Pickup || ctx.Fixed[r]) continue;
            _reduced.Build(route, r, data.Matrix);
            double cost = _insertion.Best(ctx, _reduced.View(), r, exact, before + best, out int i, out int j);
            if (double.IsPositiveInfinity(cost) || cost - before >= best) continue;
            best = cost - before;
            _request = r; _vehicle = v1; _pickupBefore = i; _deliveryBefore = j;
        }
        return _request < 0 ? double.PositiveInfinity : best;
    }

    public void Apply(SearchContext ctx, SearchState state)
    {
        if (_request < 0) throw new InvalidOperationException("No relocate move was found to apply.");
        state.Remove(ctx, _request);
        state.Insert(ctx, _request, _vehicle, _pickupBefore, _deliveryBefore);
        _touched[0] = _vehicle;
        _request = -1;
    }
}
