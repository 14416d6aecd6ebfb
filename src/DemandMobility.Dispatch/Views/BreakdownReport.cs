using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>What taking a vehicle out of service did to its work.</summary>
/// <param name="Vehicle">The vehicle, now out of service.</param>
/// <param name="Replanned">Ids of the bookings and parcels moved onto other duties within their promise.</param>
/// <param name="CallBacks">The alerts of those that could not be kept: someone must call the rider (or shop) back.</param>
public sealed record BreakdownReport(FleetVehicle Vehicle, ImmutableArray<string> Replanned, ImmutableArray<DispatchAlert> CallBacks);
