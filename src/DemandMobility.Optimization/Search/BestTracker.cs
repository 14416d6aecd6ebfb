using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search;

/// <summary>
/// The best solution of one search run by the true objective (real unserved costs), and the one place that replaces
/// it: every phase offers its candidates here, and each replacement is reported.
/// </summary>
internal sealed class BestTracker(SearchState state, double cost, Action onChange)
{
    /// <summary>The best solution; owned by the tracker, copied into and out of, never swapped.</summary>
    public SearchState State { get; } = state;

    /// <summary>True objective of <see cref="State"/>.</summary>
    public double Cost { get; private set; } = cost;

    /// <summary>Copies <paramref name="candidate"/> in when it is better by more than the tolerance.</summary>
    /// <returns>True when the best was replaced.</returns>
    public bool Offer(SearchState candidate, double candidateCost)
    {
        if (!(candidateCost < Cost - 1e-9)) return false;
        Replace(candidate, candidateCost);
        return true;
    }

    /// <summary>Replaces the best unconditionally (after its own local search, after a saved vehicle, from another worker).</summary>
    public void Replace(SearchState candidate, double candidateCost)
    {
        State.CopyFrom(candidate);
        Cost = candidateCost;
        onChange();
    }
}
