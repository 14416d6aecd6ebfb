namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// How active service areas are spread over the silos (<see cref="AreaRebalancer"/>): every <see cref="Interval"/>
/// the oldest active silo compares how many areas each active silo hosts and moves at most
/// <see cref="MaxMovesPerRound"/> areas from the busiest to the least busy one while they differ by more than one.
/// </summary>
public sealed class AreaRebalancingOptions
{
    /// <summary>
    /// Period of the balancing round, and how long membership must have been unchanged before a round moves an area
    /// (a joining silo is not loaded while the cluster still settles); <see cref="TimeSpan.Zero"/> turns moving off
    /// (areas then move only when their silo stops or dies). 0 or 1 s..1 h.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most areas moved per round, 1..100: each move replays that area's log and drops its open offers.</summary>
    public int MaxMovesPerRound { get; set; } = 1;

    /// <summary>One message per invalid setting, naming it under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (Interval != TimeSpan.Zero && (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1)))
            errors.Add($"{prefix}:{nameof(Interval)} {Interval} must be 00:00:00 (off) or between 00:00:01 and 01:00:00.");
        if (MaxMovesPerRound is < 1 or > 100)
            errors.Add($"{prefix}:{nameof(MaxMovesPerRound)} {MaxMovesPerRound} must be 1..100.");
        return errors;
    }
}
