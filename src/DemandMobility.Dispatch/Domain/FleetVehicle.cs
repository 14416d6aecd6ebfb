using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Domain;

/// <summary>A vehicle of the fleet with its shift state and last known position. Its route lives in the plan.</summary>
/// <param name="Id">Vehicle id.</param>
/// <param name="Capacity">Capacity vector (seats, wheelchairs, parcel units, luggage).</param>
/// <param name="Depot">Start and end of every shift.</param>
/// <param name="ShiftStart">Service window start.</param>
/// <param name="ShiftEnd">Service window end.</param>
/// <param name="State">Off or on shift.</param>
/// <param name="LastPosition">Last GPS fix, if any.</param>
/// <param name="LastFixAt">Time of the last fix.</param>
public sealed record FleetVehicle(
    string Id,
    LoadVector Capacity,
    GeoPoint Depot,
    DateTimeOffset ShiftStart,
    DateTimeOffset ShiftEnd,
    VehicleShiftState State = VehicleShiftState.OffShift,
    GeoPoint? LastPosition = null,
    DateTimeOffset? LastFixAt = null)
{
    /// <summary>OffShift → OnShift.</summary>
    public DispatchResult<FleetVehicle> StartShift() =>
        State == VehicleShiftState.OffShift
            ? DispatchResult<FleetVehicle>.Ok(this with { State = VehicleShiftState.OnShift })
            : DispatchError.Precondition($"Vehicle '{Id}' is already on shift.");

    /// <summary>OnShift → OffShift.</summary>
    public DispatchResult<FleetVehicle> EndShift() =>
        State == VehicleShiftState.OnShift
            ? DispatchResult<FleetVehicle>.Ok(this with { State = VehicleShiftState.OffShift })
            : DispatchError.Precondition($"Vehicle '{Id}' is not on shift.");
}
