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
/// <param name="LastHeading">Heading of the last fix in degrees (0 = north, clockwise), if it carried one.</param>
/// <param name="LastSpeed">Speed of the last fix in metres per second, if it carried one.</param>
/// <param name="ClosedUntil">
/// Duties (service windows) starting at or before this time are over: the driver ended the shift then, so they receive no
/// work even if their window has not ended yet. Null when no shift was ended.
/// </param>
/// <param name="LastFixRecordedAt">
/// When the device recorded the last accepted fix (<paramref name="LastFixAt"/> is when it arrived); a fix recorded
/// before it is out of order. Null when unknown (no fix yet, or a log written before the time was stored).
/// </param>
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
    string? ServiceGroup = null,
    DateTimeOffset? ClosedUntil = null,
    double? LastHeading = null,
    double? LastSpeed = null,
    DateTimeOffset? LastFixRecordedAt = null)
{
    /// <summary>The vehicle's service windows in start order: its calendar, or its one registered window.</summary>
    public IReadOnlyList<ShiftWindow> Windows => Calendar ?? [new ShiftWindow(ShiftStart, ShiftEnd)];

    /// <summary>Whether one of the vehicle's service windows overlaps [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool ServesDuring(DateTimeOffset from, DateTimeOffset to)
    {
        if (Calendar is null) return ShiftStart <= to && from < ShiftEnd;
        foreach (var w in Calendar)
            if (w.Start <= to && from < w.End) return true;
        return false;
    }

    /// <summary>OffShift or OutOfService → OnShift; a duty ended earlier in the current window runs again.</summary>
    public DispatchResult<FleetVehicle> StartShift() =>
        State != VehicleShiftState.OnShift
            ? DispatchResult<FleetVehicle>.Ok(this with { State = VehicleShiftState.OnShift, ClosedUntil = null })
            : DispatchError.Precondition($"Vehicle '{Id}' is already on shift.");

    /// <summary>OnShift → OffShift; the duty running at <paramref name="at"/> is over.</summary>
    public DispatchResult<FleetVehicle> EndShift(DateTimeOffset at) =>
        State == VehicleShiftState.OnShift
            ? DispatchResult<FleetVehicle>.Ok(this with { State = VehicleShiftState.OffShift, ClosedUntil = at })
            : DispatchError.Precondition($"Vehicle '{Id}' is not on shift.");

    /// <summary>Any state → OutOfService (a breakdown); the duty running at <paramref name="at"/> is over.</summary>
    public DispatchResult<FleetVehicle> TakeOutOfService(DateTimeOffset at) =>
        State != VehicleShiftState.OutOfService
            ? DispatchResult<FleetVehicle>.Ok(this with { State = VehicleShiftState.OutOfService, ClosedUntil = at })
            : DispatchError.Precondition($"Vehicle '{Id}' is already out of service.");
}
