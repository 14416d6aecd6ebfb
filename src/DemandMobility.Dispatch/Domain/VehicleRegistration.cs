using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Domain;

/// <summary>What the control room enters to add a vehicle to the fleet.</summary>
/// <param name="VehicleId">The vehicle's id (e.g. "bus-3").</param>
/// <param name="Capacity">Seats, wheelchair places, parcel units and luggage places (Extra).</param>
/// <param name="Depot">Where its shifts start and end.</param>
/// <param name="ShiftStart">Start of the service window it is planned for.</param>
/// <param name="ShiftEnd">End of the service window (back at the depot).</param>
/// <param name="ServiceGroup">When set, the vehicle carries only trips of this group (e.g. one school's pupils); null for the general fleet.</param>
public sealed record VehicleRegistration(
    string VehicleId, LoadVector Capacity, GeoPoint Depot, DateTimeOffset ShiftStart, DateTimeOffset ShiftEnd, string? ServiceGroup = null);
