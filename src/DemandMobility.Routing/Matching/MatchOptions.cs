namespace DemandMobility.Routing.Matching;

/// <summary>
/// Parameters of the hidden-Markov map matcher (Newson &amp; Krumm 2009, "Hidden Markov map matching through noise
/// and sparseness", section 4).
/// </summary>
public sealed record MatchOptions
{
    /// <summary>Standard deviation of the GPS error in metres (σ of the emission's zero-mean Gaussian).</summary>
    public double SigmaMetres { get; init; } = 10;

    /// <summary>
    /// Scale of the transition's exponential on |great-circle distance − route distance| in metres (β). Newson &amp;
    /// Krumm estimate it as the median of that difference divided by ln 2; it grows with the sampling interval, and
    /// 40 m suits fixes every 10–60 s on rural roads.
    /// </summary>
    public double BetaMetres { get; init; } = 40;

    /// <summary>Road candidates of a fix lie within this distance (Newson &amp; Krumm use 200 m; 4σ–5σ is enough for clean data).</summary>
    public double SearchRadiusMetres { get; init; } = 60;

    /// <summary>At most this many nearest candidates per fix (each direction of a two-way road counts once).</summary>
    public int MaxCandidates { get; init; } = 8;

    /// <summary>
    /// A route between two candidates longer than this factor × the fixes' distance + <see cref="RouteSlackMetres"/> is
    /// impossible (the search stops there); Newson &amp; Krumm drop such transitions as well.
    /// </summary>
    public double MaxRouteFactor { get; init; } = 3;

    /// <summary>Constant part of the longest route considered between two fixes.</summary>
    public double RouteSlackMetres { get; init; } = 500;

    /// <summary>
    /// No vehicle drives faster than this between two fixes (metres per second, plus <see cref="RouteSlackMetres"/>):
    /// a route it would need more speed for is impossible, so a jump breaks the chain instead of inventing a drive.
    /// </summary>
    public double MaxSpeedMetresPerSecond { get; init; } = 45;

    /// <summary>Returns one message per invalid setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!(SigmaMetres > 0)) errors.Add($"{nameof(SigmaMetres)} must be positive.");
        if (!(BetaMetres > 0)) errors.Add($"{nameof(BetaMetres)} must be positive.");
        if (!(SearchRadiusMetres > 0)) errors.Add($"{nameof(SearchRadiusMetres)} must be positive.");
        if (MaxCandidates < 1) errors.Add($"{nameof(MaxCandidates)} must be at least 1.");
        if (!(MaxRouteFactor >= 1)) errors.Add($"{nameof(MaxRouteFactor)} must be at least 1.");
        if (!(MaxSpeedMetresPerSecond > 0)) errors.Add($"{nameof(MaxSpeedMetresPerSecond)} must be positive.");
        if (!(RouteSlackMetres >= 0)) errors.Add($"{nameof(RouteSlackMetres)} must not be negative.");
        return errors;
    }
}
