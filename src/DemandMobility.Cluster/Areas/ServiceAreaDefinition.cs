using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Cluster.Areas;

/// <summary>
/// One service area of a region: the unit of distribution. Its dispatch engine is owned by exactly one grain at a
/// time and its event log lives in its own PostgreSQL schema (<c>area_{Id}</c>).
/// </summary>
/// <param name="Id">Lower-case id, 1–40 of [a-z0-9_]; it prefixes every booking, offer and vehicle id of the area.</param>
/// <param name="Boundary">The area's polygon (at least three distinct vertices, not self-intersecting).</param>
/// <param name="DestinationAreas">Neighbouring areas a trip starting here may end in (the own area always).</param>
public sealed record ServiceAreaDefinition(string Id, ImmutableArray<GeoPoint> Boundary, ImmutableArray<string> DestinationAreas);
