using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Domain;

/// <summary>A published stop (bus stop, pickup station); when the options list some, trips use only them.</summary>
public sealed record FixedStop(string Id, string Name, GeoPoint Point);
