using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A place the vehicle stops at, with who gets on and off there.</summary>
public sealed record ManifestStop(
    GeoPoint Point,
    DateTimeOffset PlannedArrival,
    DateTimeOffset PlannedDeparture,
    double DelaySeconds,
    ImmutableArray<ManifestEntry> Board,
    ImmutableArray<ManifestEntry> Alight,
    string? Name = null);
