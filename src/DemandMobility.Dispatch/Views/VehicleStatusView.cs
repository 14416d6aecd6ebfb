using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Views;

/// <summary>One vehicle on the control room's map.</summary>
/// <remarks><c>DelaySeconds</c> is the largest forecast lateness over its remaining stops; <c>NextStops</c> the next few.</remarks>
public sealed record VehicleStatusView(
    string VehicleId,
    VehicleShiftState State,
    GeoPoint? Position,
    DateTimeOffset? FixAt,
    LoadVector Load,
    LoadVector Capacity,
    ImmutableArray<ManifestStop> NextStops,
    double DelaySeconds);
