using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Runs segment-evaluated neighbourhoods (<see cref="ILocalSearchMove"/>) to a local optimum: in each pass
/// every move looks at every route (intra-route moves) or pair of routes and applies its best improving
/// candidate. Within one run, a route or pair whose routes have not changed since a move last found nothing there
/// is not evaluated again by that move (route versions), so later passes only look where something changed.
/// </summary>
internal sealed class SegmentLocalSearch
{
    private const double MinGain = 1e-7;
    private readonly ILocalSearchMove[] _moves;
    private long[] _seen = Array.Empty<long>();

    public SegmentLocalSearch(params ILocalSearchMove[] moves) => _moves = moves;

    /// <summary>Runs up to <paramref name="maxPasses"/> passes; returns true when any move was applied.</summary>
    public bool Run(SearchContext ctx, SearchState state, int maxPasses, Func<bool> stop)
    {
        int vehicles = state.Routes.Length;
        // Phase settings (open vehicles) may differ between calls, so what was seen is forgotten per call.
        if (_seen.Length != _moves.Length * vehicles * vehicles) _seen = new long[_moves.Length * vehicles * vehicles];
        Array.Fill(_seen, -1L);
        bool any = false;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            bool improved = false;
            for (int mi = 0; mi < _moves.Length; mi++)
            {
                var move = _moves[mi];
                for (int v1 = 0; v1 < vehicles; v1++)
                    for (int v2 = move.IntraRoute ? v1 : v1 + 1; v2 < (move.IntraRoute ? v1 + 1 : vehicles); v2++)
                    {
                        if (stop()) return any;
                        int slot = (mi * vehicles + v1) * vehicles + v2;
                        long key = ((long)state.Routes[v1].Version << 32) | (uint)state.Routes[v2].Version;
                        if (_seen[slot] == key) continue;
                        if (move.Evaluate(ctx, state, v1, v2, -MinGain) < -MinGain)
                        {
                            move.Apply(ctx, state);
                            improved = any = true;
                        }
                        else _seen[slot] = ((long)state.Routes[v1].Version << 32) | (uint)state.Routes[v2].Version;
                    }
            }
            if (!improved) break;
        }
        return any;
    }
}
