using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Routing;

namespace DemandMobility.Cluster.Learning;

/// <summary>
/// Learning travel times per service area, as one process learns for its one engine: each area's engine feeds its own
/// <see cref="TravelTimeLearning"/> with its vehicles' fixes and plans on its own re-weighted router, and the evidence is
/// kept where <paramref name="storeOf"/> says (the area's PostgreSQL schema), so it moves with the area. Areas learn
/// apart: a road on an area's border is learned by each area that drives it.
/// </summary>
/// <param name="profile">The region's profile router (the prior every area starts from).</param>
/// <param name="options">Interval, time zone, matching; <see cref="LearningOptions.Store"/> is set per area.</param>
/// <param name="storeOf">Where an area's evidence is kept, by area id.</param>
public sealed class AreaLearningFactory(RoadRouter profile, LearningOptions options, Func<string, ILearnedTimesStore> storeOf)
{
    /// <summary>A fresh, empty learning for <paramref name="area"/> (the area's grain loads its evidence).</summary>
    public TravelTimeLearning Create(ServiceAreaDefinition area) =>
        new(profile, options with { FilePath = null, Store = storeOf(area.Id) });
}
