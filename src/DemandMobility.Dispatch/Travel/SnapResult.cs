using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Travel;

/// <summary>A coordinate snapped to the nearest drivable point: the virtual stop a vehicle can reach.</summary>
/// <param name="Status">Whether snapping succeeded; <see cref="Point"/> is meaningful only when snapped.</param>
/// <param name="Point">The drivable point.</param>
/// <param name="WalkingMetres">Walking distance from the original coordinate to the point.</param>
public readonly record struct SnapResult(SnapStatus Status, GeoPoint Point, double WalkingMetres)
{
    /// <summary>The failed result.</summary>
    public static SnapResult NoRoad => new(SnapStatus.NoRoadNearby, default, double.PositiveInfinity);
}
