using DemandMobility.Server.Configuration;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// The <c>Learning</c> section in cluster mode: the same settings as one process, applied to every service area
/// (<c>Learning:FileName</c> is not used: each area keeps its evidence in its PostgreSQL schema). A bad setting stops
/// the start naming it.
/// </summary>
internal static class ClusterLearning
{
    public static LearningSettings Settings(IConfiguration configuration)
    {
        var settings = configuration.GetSection(LearningSettings.SectionName).Get<LearningSettings>() ?? new LearningSettings();
        var result = new LearningSettingsValidator().Validate(null, settings);
        if (result.Failed) throw new ArgumentException("Invalid learning configuration: " + result.FailureMessage);
        return settings;
    }
}
