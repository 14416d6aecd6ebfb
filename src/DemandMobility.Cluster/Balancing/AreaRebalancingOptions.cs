namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// How active service areas are spread over the silos by their load (<see cref="AreaRebalancer"/>): every
/// <see cref="Interval"/> the oldest active silo asks every area for its load (<see cref="Grains.AreaLoad"/>) and
/// moves at most <see cref="MaxMovesPerRound"/> areas when the busiest silo carries more than
/// (1 + <see cref="Tolerance"/>) × the mean (<see cref="AreaBalancePlan"/>).
/// </summary>
public sealed class AreaRebalancingOptions
{
    /// <summary>
    /// Period of the balancing round, and how long membership must have been unchanged before a round moves an area
    /// (a joining silo is not loaded while the cluster still settles); <see cref="TimeSpan.Zero"/> turns moving off
    /// (areas then move only when their silo stops or dies). 0 or 1 s..1 h.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most areas moved per round, 1..<see cref="AreaBalancePlan.MaxBudget"/>: each move makes the area's callers wait
    /// while it replays its log on the target silo.
    /// </summary>
    public int MaxMovesPerRound { get; set; } = 1;

    /// <summary>
    /// How far above the mean silo load the busiest silo may be before anything moves, 0..1 (0.25: 25 %). The band is
    /// the hysteresis that keeps areas from flapping on measurement noise.
    /// </summary>
    public double Tolerance { get; set; } = 0.25;

    /// <summary>
    /// How long a moved area stays where it was put (0..1 day): its load is re-measured on the new silo before the
    /// plan may move it again.
    /// </summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The load every active area counts with besides its measured busy time, in milliseconds per minute (0..60000):
    /// an idle area still holds memory, a reminder and its round, so idle areas spread over the silos by count.
    /// </summary>
    public int AreaBaseLoad { get; set; } = 100;

    /// <summary>
    /// Time constant of the exponential smoothing of each area's measured load (1 s..1 h): a burst counts with weight
    /// e^(−age / LoadSmoothing), so a load that holds is fully seen after a few constants.
    /// </summary>
    public TimeSpan LoadSmoothing { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One message per invalid setting, naming it under <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> Validate(string prefix)
    {
        var errors = new List<string>();
        if (Interval != TimeSpan.Zero && (Interval < TimeSpan.FromSeconds(1) || Interval > TimeSpan.FromHours(1)))
            errors.Add($"{prefix}:{nameof(Interval)} {Interval} must be 00:00:00 (off) or between 00:00:01 and 01:00:00.");
        if (MaxMovesPerRound < 1 || MaxMovesPerRound > AreaBalancePlan.MaxBudget)
            errors.Add($"{prefix}:{nameof(MaxMovesPerRound)} {MaxMovesPerRound} must be 1..{AreaBalancePlan.MaxBudget}.");
        if (!(Tolerance is >= 0 and <= 1))
            errors.Add($"{prefix}:{nameof(Tolerance)} {Tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be 0..1.");
        if (Cooldown < TimeSpan.Zero || Cooldown > TimeSpan.FromDays(1))
            errors.Add($"{prefix}:{nameof(Cooldown)} {Cooldown} must be between 00:00:00 and 1.00:00:00.");
        if (AreaBaseLoad is < 0 or > 60000)
            errors.Add($"{prefix}:{nameof(AreaBaseLoad)} {AreaBaseLoad} must be 0..60000 (milliseconds per minute).");
        if (LoadSmoothing < TimeSpan.FromSeconds(1) || LoadSmoothing > TimeSpan.FromHours(1))
            errors.Add($"{prefix}:{nameof(LoadSmoothing)} {LoadSmoothing} must be between 00:00:01 and 01:00:00.");
        return errors;
    }
}
