namespace DemandMobility.Routing.Snapping;

/// <summary>
/// A coordinate projected onto the nearest drivable edge. <see cref="Fraction"/> is the position along
/// <see cref="Edge"/> in its driving direction, measured along its shape (0 = source node, 1 = target node);
/// <see cref="ReverseEdge"/> is the opposite direction of the same road, or -1 for a one-way road.
/// </summary>
/// <param name="Status">Whether the point could be snapped; the other fields are meaningful only if <see cref="SnapStatus.Snapped"/>.</param>
/// <param name="Edge">Road graph edge the point lies on.</param>
/// <param name="ReverseEdge">The opposite edge sharing the shape, or -1.</param>
/// <param name="Fraction">Position along <paramref name="Edge"/>, 0..1.</param>
/// <param name="LatitudeE7">Latitude of the projected point, 1e-7 degrees.</param>
/// <param name="LongitudeE7">Longitude of the projected point, 1e-7 degrees.</param>
/// <param name="DistanceMetres">Distance from the input coordinate to the projected point.</param>
public readonly record struct SnappedPoint(
    SnapStatus Status, int Edge, int ReverseEdge, double Fraction, int LatitudeE7, int LongitudeE7, double DistanceMetres)
{
    /// <summary>True when the point was snapped.</summary>
    public bool IsSnapped => Status == SnapStatus.Snapped;

    /// <summary>A failed snap.</summary>
    public static SnappedPoint Failed(SnapStatus status, double distanceMetres = double.NaN) =>
        new(status, -1, -1, 0, 0, 0, distanceMetres);
}
