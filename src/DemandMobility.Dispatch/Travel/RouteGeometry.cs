using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Travel;

/// <summary>The drivable path through a sequence of waypoints, for maps and ETA display.</summary>
/// <param name="Found">False when some leg is unreachable; then the other fields are empty/infinite.</param>
/// <param name="Points">The polyline.</param>
/// <param name="DurationSeconds">Total driving time.</param>
/// <param name="DistanceMetres">Total distance.</param>
public sealed record RouteGeometry(bool Found, ImmutableArray<GeoPoint> Points, double DurationSeconds, double DistanceMetres);
