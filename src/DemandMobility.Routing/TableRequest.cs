using DemandMobility.Routing.Geometry;

namespace DemandMobility.Routing;

/// <summary>A many-to-many request; with no destinations given the sources are used for both (square matrix).</summary>
/// <param name="Sources">Row points.</param>
/// <param name="Destinations">Column points, or null for the same as <paramref name="Sources"/>.</param>
/// <param name="DepartureTime">Departure time for the time-of-day speed factors (<see cref="RoadRouter.ForDeparture"/>); null = free flow.</param>
public sealed record TableRequest(IReadOnlyList<GeoCoordinate> Sources, IReadOnlyList<GeoCoordinate>? Destinations = null, DateTimeOffset? DepartureTime = null);
