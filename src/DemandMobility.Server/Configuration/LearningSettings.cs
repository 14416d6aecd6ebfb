namespace DemandMobility.Server.Configuration;

/// <summary>
/// Settings of learning travel times from the fleet's GPS fixes (section <c>Learning</c>). Off by default: a
/// service turns it on once its vehicles report positions; then the learned times replace the profile's wherever
/// the fleet drove often enough (see docs/learning.md).
/// </summary>
public sealed class LearningSettings
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Learning";

    /// <summary>Learn from the fleet's fixes and plan with the learned times.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the loop matches the buffered fixes, re-weights the router and saves (default 15 min).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>File of the learned evidence, in the data folder (survives restarts).</summary>
    public string FileName { get; set; } = "learned-travel-times.dmlt";

    /// <summary>Time zone of the hours of day the estimates are kept by (IANA or Windows id).</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";
}
