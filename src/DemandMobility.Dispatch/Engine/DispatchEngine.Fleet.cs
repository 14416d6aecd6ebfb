using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>Adds a vehicle to the fleet (dispatchers only).</summary>
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(
        CallerIdentity caller, VehicleRegistration registration, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "RegisterVehicle", null, registration, () => _fleet.Register(caller, registration), cancellationToken);

    /// <summary>
    /// Adds service windows to a vehicle's shift calendar (dispatchers only), e.g. the same shift on the next
    /// days so riders can book ahead. Windows already in the calendar are skipped, so repeating the call (after
    /// a restart, or every hour) stores nothing new; quotes are then accepted inside any window.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ScheduleShiftsAsync(
        CallerIdentity caller, string vehicleId, IReadOnlyList<ShiftWindow> windows, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ScheduleShifts", null, vehicleId, () => _fleet.ScheduleShifts(caller, vehicleId, windows), cancellationToken);

    /// <summary>Puts a vehicle on shift: it then reports positions and stop events.</summary>
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "StartShift", null, vehicleId, () => _fleet.ChangeShift(caller, vehicleId, start: true), cancellationToken);

    /// <summary>
    /// Takes a vehicle off shift: the running duty is over. Its planned stops are re-planned at once onto other duties
    /// under the same promise rules; those that cannot be kept become <see cref="BookingStatus.Disrupted"/> with an
    /// alert. Refused while riders or parcels are on board (drop them off first).
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        RunThenRescueAsync(caller, "EndShift", vehicleId, () => _fleet.ChangeShift(caller, vehicleId, start: false), cancellationToken);

    /// <summary>
    /// A GPS fix: moves the vehicle, re-forecasts its route from the new position (so delays propagate to
    /// every later stop's ETA) and stores the result.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => _fleet.Position(caller, vehicleId, position, null, null, null), cancellationToken);

    /// <summary>
    /// A GPS fix with the heading (degrees, 0 = north, clockwise, 0…360) and speed (m/s, not negative) it carried, shown
    /// to riders and the control room with the fix's time; otherwise as <see cref="ReportPositionAsync(CallerIdentity, string, GeoPoint, CancellationToken)"/>.
    /// Null for a value the device did not report.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, double? headingDegrees, double? speedMetresPerSecond,
        CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => _fleet.Position(caller, vehicleId, position, null, headingDegrees, speedMetresPerSecond), cancellationToken);

    /// <summary>
    /// A GPS fix recorded by the vehicle at <paramref name="recordedAt"/>. Besides the checks of the overload without
    /// a time, the fix is refused (INVALID_ARGUMENT naming <c>recordedAt</c> or <c>position</c>, nothing changes) when
    /// it lies more than <see cref="DispatchOptions.MaxFixAhead"/> ahead of the clock, is older than the vehicle's last
    /// accepted fix (from any call), or lies outside the service area.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset recordedAt, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => _fleet.Position(caller, vehicleId, position, recordedAt, null, null), cancellationToken);

    /// <summary>A GPS fix with its recorded time, heading and speed: the checks of both overloads above.</summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset recordedAt, double? headingDegrees,
        double? speedMetresPerSecond, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId,
            () => _fleet.Position(caller, vehicleId, position, recordedAt, headingDegrees, speedMetresPerSecond), cancellationToken);
}
