using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing;

/// <summary>Result of <see cref="RoadRouter.Route"/>.</summary>
/// <param name="Status">Whether a route was found, or why not.</param>
/// <param name="DurationSeconds">Travel time in seconds (NaN unless <see cref="RouteStatus.Ok"/>).</param>
/// <param name="DistanceMetres">Length of the fastest path in metres (NaN unless Ok).</param>
/// <param name="Geometry">The path's line when requested and found, else null.</param>
/// <param name="From">How the start was snapped.</param>
/// <param name="To">How the destination was snapped.</param>
public sealed record RouteResult(
    RouteStatus Status, double DurationSeconds, double DistanceMetres, RouteGeometry? Geometry, SnappedPoint From, SnappedPoint To)
{
    /// <summary>True when a route was found.</summary>
    public bool IsOk => Status == RouteStatus.Ok;
}
