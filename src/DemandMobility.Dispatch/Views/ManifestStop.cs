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
    string? Name = null)
{
    /// <summary>
    /// When the plan starts boarding here (the first pickup's planned service start: when its window opens, or later
    /// when the plan delays it to keep riders on board within their ride limit); null at a stop without boarding.
    /// Drivers and the simulator act on this instead of re-deriving it from the windows.
    /// </summary>
    public DateTimeOffset? BoardingStart { get; init; }
}
