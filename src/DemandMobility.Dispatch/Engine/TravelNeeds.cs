using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Engine;

/// <summary>The plan points a quote's travel table must cover, towards (<see cref="To"/>) and from (<see cref="From"/>) the new points.</summary>
internal sealed class TravelNeeds
{
    /// <summary>Points whose travel time from the new pickup and drop-off may be read.</summary>
    public HashSet<GeoPoint> To { get; } = [];

    /// <summary>Points whose travel time to the new pickup and drop-off may be read.</summary>
    public HashSet<GeoPoint> From { get; } = [];
}
