namespace DemandMobility.Routing.Snapping;

/// <summary>Outcome of snapping a coordinate onto the road network.</summary>
public enum SnapStatus
{
    /// <summary>A drivable edge of the main component lies within the maximum snap distance.</summary>
    Snapped = 0,
    /// <summary>No drivable edge lies within the maximum snap distance.</summary>
    TooFar = 1,
    /// <summary>The coordinate is not a valid WGS84 latitude/longitude (NaN, out of range).</summary>
    InvalidCoordinate = 2,
}
