using System.Collections.Immutable;

namespace DemandMobility.Dispatch.Views;

/// <summary>The whole fleet at one moment.</summary>
public sealed record FleetView(DateTimeOffset At, ImmutableArray<VehicleStatusView> Vehicles);
