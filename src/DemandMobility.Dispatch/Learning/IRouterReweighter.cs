using DemandMobility.Routing;

namespace DemandMobility.Dispatch.Learning;

/// <summary>Builds a router with given travel times per RoadGraph edge (the re-weighting step of the learning loop).</summary>
public interface IRouterReweighter
{
    /// <summary>A router over <paramref name="profile"/>'s roads where edge e takes <paramref name="secondsPerRoadEdge"/>[e] seconds.</summary>
    RoadRouter WithEdgeTravelTimes(RoadRouter profile, ReadOnlySpan<float> secondsPerRoadEdge);
}

/// <summary>Re-weighting by contracting the turn-aware hierarchy again for the new metric (<see cref="RoadRouter.WithEdgeTravelTimes"/>).</summary>
public sealed class ContractionReweighter : IRouterReweighter
{
    /// <inheritdoc />
    public RoadRouter WithEdgeTravelTimes(RoadRouter profile, ReadOnlySpan<float> secondsPerRoadEdge) =>
        profile.WithEdgeTravelTimes(secondsPerRoadEdge);
}
