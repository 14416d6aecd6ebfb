using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// One local-search neighbourhood. <see cref="Evaluate"/> looks at all candidates of the neighbourhood on one
/// route (intra-route moves) or one pair of routes (in both directions), computing each candidate's cost delta from the
/// routes' cached segments without changing them, and remembers the best candidate below a threshold;
/// <see cref="Apply"/> then performs exactly that candidate. Nothing is applied to be reverted.
/// </summary>
internal interface ILocalSearchMove
{
    /// <summary>True when the move works inside one route (<see cref="Evaluate"/> gets the same route twice).</summary>
    bool IntraRoute { get; }

    /// <summary>
    /// Best candidate on routes <paramref name="v1"/> and <paramref name="v2"/> whose cost delta is below
    /// <paramref name="threshold"/> (candidates whose lower bound already reaches the best are skipped early).
    /// Returns that delta, or +∞ when there is none.
    /// </summary>
    double Evaluate(SearchContext ctx, SearchState state, int v1, int v2, double threshold);

    /// <summary>Performs the candidate found by the last <see cref="Evaluate"/> that returned a finite delta.</summary>
    void Apply(SearchContext ctx, SearchState state);

    /// <summary>The routes the last <see cref="Apply"/> changed.</summary>
    ReadOnlySpan<int> TouchedRoutes { get; }
}
