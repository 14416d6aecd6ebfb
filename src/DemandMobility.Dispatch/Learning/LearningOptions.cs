using DemandMobility.Routing.Matching;

namespace DemandMobility.Dispatch.Learning;

/// <summary>Settings of learning travel times from the fleet's GPS fixes.</summary>
public sealed record LearningOptions
{
    /// <summary>The learned evidence file (in the data folder); null keeps it in memory only.</summary>
    public string? FilePath { get; init; }

    /// <summary>Where the evidence is kept instead of <see cref="FilePath"/> (a service area's PostgreSQL schema in cluster mode).</summary>
    public ILearnedTimesStore? Store { get; init; }

    /// <summary>Time zone of the hours of day the estimates are kept by (IANA or Windows id).</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>How often the periodic loop learns, re-weights and saves.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Map matching parameters.</summary>
    public MatchOptions Matching { get; init; } = new();

    /// <summary>
    /// A drive between two fixes is used only when it took between 1/x and x times what the current estimate
    /// expects: outside that the vehicle stood (a stop, a break) or the match is wrong.
    /// </summary>
    public double PlausibleRatio { get; init; } = 3;

    /// <summary>Drives shorter than this (profile seconds) carry more GPS jitter than signal and are skipped.</summary>
    public double MinProfileSeconds { get; init; } = 5;
}
