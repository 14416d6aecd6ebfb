using DemandMobility.Routing.Geometry;

namespace DemandMobility.Routing;

/// <summary>A point-to-point route request.</summary>
/// <param name="From">Start coordinate (snapped to the nearest drivable road).</param>
/// <param name="To">Destination coordinate (snapped likewise).</param>
/// <param name="IncludeGeometry">Whether to unpack the path into a geometry.</param>
/// <param name="DepartureTime">Departure time for the time-of-day speed factors (<see cref="RoadRouter.ForDeparture"/>); null = free flow.</param>
public sealed record RouteRequest(GeoCoordinate From, GeoCoordinate To, bool IncludeGeometry = true, DateTimeOffset? DepartureTime = null);
