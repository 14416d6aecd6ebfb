using DemandMobility.Optimization.Search.LocalSearch;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// Local search on improved solutions: relocate of a request pair (remove both stops, reinsert at the best
/// position of any open route, intra- or inter-route), repeated in random order until a pass finds no
/// improvement or the pass limit is reached. The best reinsertion is never worse than the original
/// position, which is among the candidates.
/// </summary>
/// <remarks>
/// A route is only searched for insertions cheaper than the best saving found so far (the cutoff of <see cref="Insertion.PairInsertionEvaluator.BestInRoute"/>),
/// which leaves the result unchanged. On a granular neighbourhood (<see cref="GranularNeighbourhood"/>, large days) the
/// routes searched are the request's own and those passing near its pickup or delivery at about the right time
/// (<see cref="StopNeighbours"/>), instead of every open route.
/// </remarks>
internal sealed class RelocateLocalSearch(GranularNeighbourhood granular)
{
    private const double MinGain = 1e-7;
    private readonly List<int> _order = new();
    private readonly List<int> _routes = new();
    private int[] _routeMark = Array.Empty<int>();
    private int _stamp;

    public void Run(SearchContext ctx, SearchState state, int maxPasses, Func<bool> stop)
    {
        var lists = granular.Applies(ctx) ? granular.Passing(ctx) : null;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            RuinHelpers.Movable(ctx, state, _order);
            // Fisher-Yates with the context's seeded source keeps runs reproducible.
            for (int i = _order.Count - 1; i > 0; i--)
            {
                int j = ctx.Random.Next(i + 1);
                (_order[i], _order[j]) = (_order[j], _order[i]);
            }
            bool improved = false;
            foreach (int r in _order)
            {
                if (stop()) return;
                int v0 = state.RouteOf[r];
                var route0 = state.Routes[v0];
                int p0 = -1, d0 = -1;
                var stops = route0.Stops;
                for (int k = 0; k < stops.Length; k++)
                    if (stops[k].Request == r) { if (stops[k].Kind == Model.StopKind.Pickup) p0 = k; else d0 = k; }
                CandidateRoutes(ctx, state, r, v0, lists);
                double before = route0.Metrics.Cost;
                state.Remove(ctx, r);
                double saved = before - route0.Metrics.Cost;
                int bestV = -1, bestP = -1, bestD = -1;
                double bestDelta = saved - MinGain;
                foreach (int v in _routes)
                {
                    if (ctx.Pairs.BestInRoute(state.Routes[v], r, out int p, out int d, out double delta, bestDelta) && delta < bestDelta)
                    {
                        bestDelta = delta; bestV = v; bestP = p; bestD = d;
                    }
                }
                if (bestV >= 0)
                {
                    state.Insert(ctx, r, bestV, bestP, bestD);
                    improved = true;
                }
                else
                    state.Insert(ctx, r, v0, p0, d0 - 1); // back where it was (delivery index shifts after removing the pickup)
            }
            if (!improved) return;
        }
    }

    /// <summary>The open routes to search for <paramref name="request"/> in increasing vehicle order: all of them, or on a
    /// granular neighbourhood its own route and those serving the requests of its nearest stops.</summary>
    private void CandidateRoutes(SearchContext ctx, SearchState state, int request, int own, StopNeighbours? lists)
    {
        _routes.Clear();
        if (lists is null)
        {
            for (int v = 0; v < state.Routes.Length; v++)
                if (ctx.VehicleOpen[v]) _routes.Add(v);
            return;
        }
        if (_routeMark.Length != state.Routes.Length) { _routeMark = new int[state.Routes.Length]; _stamp = 0; }
        _stamp++;
        if (ctx.VehicleOpen[own]) { _routeMark[own] = _stamp; _routes.Add(own); }
        foreach (int other in lists.Of(request))
        {
            int v = state.RouteOf[other];
            if (v < 0 || _routeMark[v] == _stamp || !ctx.VehicleOpen[v]) continue;
            _routeMark[v] = _stamp;
            _routes.Add(v);
        }
        _routes.Sort();
    }
}
