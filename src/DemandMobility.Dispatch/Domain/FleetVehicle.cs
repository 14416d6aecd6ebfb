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
/// <param name="Calendar">
/// Further service windows (recurring shifts), sorted by start; null when the vehicle has only
/// [<paramref name="ShiftStart"/>, <paramref name="ShiftEnd"/>]. With a calendar, <paramref name="ShiftEnd"/> is the
/// end of the last window, so the planner sees one span and new work is only accepted inside a window.
/// </param>
/// <param name="ServiceGroup">When set, the vehicle carries only trips of this group; null for the general fleet.</param>
public sealed record FleetVehicle(
    string Id,
    LoadVector Capacity,
    GeoPoint Depot,
    DateTimeOffset ShiftStart,
    DateTimeOffset ShiftEnd,
    VehicleShiftState State = VehicleShiftState.OffShift,
    GeoPoint? LastPosition = null,
    DateTimeOffset? LastFixAt = null,
    ShiftWindow[]? Calendar = null,
    string? ServiceGroup = null)
{
    /// <summary>Whether one of the vehicle's service windows overlaps [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool ServesDuring(DateTimeOffset from, DateTimeOffset to)
    {
        if (Calendar is null) return ShiftStart <= to && from < ShiftEnd;
        foreach (var w in Calendar)
            if (w.Start <= to && from < w.End) return true;
        return false;
    }

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
