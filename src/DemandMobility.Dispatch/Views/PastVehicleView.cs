using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A vehicle in a <see cref="PastStateView"/>: state, last known position and the plan as it stood then.</summary>
/// <remarks><c>PlannedStops</c> counts the stops planned then; <c>NextStops</c> holds the first (at most three) with the times planned then.</remarks>
public sealed record PastVehicleView(
    string Id,
    VehicleShiftState State,
    GeoPoint? Position,
    DateTimeOffset? FixAt,
    DateTimeOffset ShiftEnd,
    int PlannedStops,
    ImmutableArray<PastStopView> NextStops);
