using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>A driver's list of next stops.</summary>
public sealed record ManifestView(string VehicleId, VehicleShiftState State, ImmutableArray<ManifestStop> Stops);
