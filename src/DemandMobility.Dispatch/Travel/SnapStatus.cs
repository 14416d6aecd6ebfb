namespace DemandMobility.Dispatch.Travel;

/// <summary>Whether a coordinate could be snapped to the road network.</summary>
public enum SnapStatus
{
    /// <summary>Snapped; the result holds the drivable point.</summary>
    Snapped,
    /// <summary>No drivable road near enough (e.g. in a forest or outside the map).</summary>
    NoRoadNearby,
}
