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
        RunAsync(caller, "RegisterVehicle", null, registration, () => Register(caller, registration), cancellationToken);

    /// <summary>
    /// Adds service windows to a vehicle's shift calendar (dispatchers only), e.g. the same shift on the next
    /// days so riders can book ahead. Windows already in the calendar are skipped, so repeating the call (after
    /// a restart, or every hour) stores nothing new; quotes are then accepted inside any window.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ScheduleShiftsAsync(
        CallerIdentity caller, string vehicleId, IReadOnlyList<ShiftWindow> windows, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ScheduleShifts", null, vehicleId, () => ScheduleShifts(caller, vehicleId, windows), cancellationToken);

    /// <summary>Puts a vehicle on shift: it then reports positions and stop events.</summary>
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "StartShift", null, vehicleId, () => ChangeShift(caller, vehicleId, start: true), cancellationToken);

    /// <summary>
    /// Takes a vehicle off shift: the running duty is over. Its planned stops are re-planned at once onto other duties
    /// under the same promise rules; those that cannot be kept become <see cref="BookingStatus.Disrupted"/> with an
    /// alert. Refused while riders or parcels are on board (drop them off first).
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        RunThenRescueAsync(caller, "EndShift", vehicleId, () => ChangeShift(caller, vehicleId, start: false), cancellationToken);

    /// <summary>
    /// A GPS fix: moves the vehicle, re-forecasts its route from the new position (so delays propagate to
    /// every later stop's ETA) and stores the result.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => Position(caller, vehicleId, position, null, null, null), cancellationToken);

    /// <summary>
    /// A GPS fix with the heading (degrees, 0 = north, clockwise, 0…360) and speed (m/s, not negative) it carried, shown
    /// to riders and the control room with the fix's time; otherwise as <see cref="ReportPositionAsync(CallerIdentity, string, GeoPoint, CancellationToken)"/>.
    /// Null for a value the device did not report.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, double? headingDegrees, double? speedMetresPerSecond,
        CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => Position(caller, vehicleId, position, null, headingDegrees, speedMetresPerSecond), cancellationToken);

    /// <summary>
    /// A GPS fix recorded by the vehicle at <paramref name="recordedAt"/>. Besides the checks of the overload without
    /// a time, the fix is refused (INVALID_ARGUMENT naming <c>recordedAt</c> or <c>position</c>, nothing changes) when
    /// it lies more than <see cref="DispatchOptions.MaxFixAhead"/> ahead of the clock, is older than the vehicle's last
    /// accepted fix (from any call), or lies outside the service area.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset recordedAt, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId, () => Position(caller, vehicleId, position, recordedAt, null, null), cancellationToken);

    /// <summary>A GPS fix with its recorded time, heading and speed: the checks of both overloads above.</summary>
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(
        CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset recordedAt, double? headingDegrees,
        double? speedMetresPerSecond, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportPosition", null, vehicleId,
            () => Position(caller, vehicleId, position, recordedAt, headingDegrees, speedMetresPerSecond), cancellationToken);

    private CommandOutcome<FleetVehicle> Register(CallerIdentity caller, VehicleRegistration r)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return CommandOutcome<FleetVehicle>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers register vehicles."));
        if (string.IsNullOrWhiteSpace(r.VehicleId) || r.VehicleId.Length > 100)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("vehicleId", "vehicleId must be 1–100 non-blank characters."));
        if (!r.Capacity.IsNonNegative)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("capacity", "No capacity may be negative."));
        if (r.Capacity.Seats + r.Capacity.Wheelchairs + r.Capacity.ParcelUnits == 0)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("capacity", "A vehicle needs seats, wheelchair places or parcel space."));
        if (!r.Depot.IsValid)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("depot", $"Depot {r.Depot} is not a valid coordinate."));
        // A depot off the road network would register a vehicle that can never be planned: say so now.
        if (_travel.Service.Snap(r.Depot).Status != SnapStatus.Snapped)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("depot", $"No drivable road near depot {r.Depot}."));
        if (r.ShiftEnd <= r.ShiftStart)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("shiftEnd", "shiftEnd must be after shiftStart."));
        // A shift already over, or starting beyond anything bookable, is a wrong date (e.g. year 1 from an unset field).
        var now = Now;
        if (r.ShiftEnd <= now)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("shiftEnd", $"shiftEnd {r.ShiftEnd:O} lies in the past (now {now:O})."));
        if (r.ShiftStart > now + _options.BookingHorizon)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("shiftStart",
                $"shiftStart {r.ShiftStart:O} lies beyond the booking horizon of {_options.BookingHorizon.TotalDays:F0} days."));
        if (r.ServiceGroup is { } group && !ServiceGroupRule.IsValid(group))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("serviceGroup", ServiceGroupRule.Description));
        if (_state.Vehicles.ContainsKey(r.VehicleId))
            return CommandOutcome<FleetVehicle>.Rejected(new DispatchError(DispatchErrorCode.AlreadyExists, $"Vehicle '{r.VehicleId}' is already registered.", "vehicleId"));
        var v = new FleetVehicle(r.VehicleId, r.Capacity, r.Depot, r.ShiftStart, r.ShiftEnd, ServiceGroup: r.ServiceGroup);
        return new(v, [new PendingEvent(EventTypes.VehicleRegistered, "vehicle/" + v.Id, new StateDelta(Vehicles: [v]))], true);
    }

    private CommandOutcome<FleetVehicle> ScheduleShifts(CallerIdentity caller, string vehicleId, IReadOnlyList<ShiftWindow> windows)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return CommandOutcome<FleetVehicle>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers schedule shifts."));
        if (!_state.Vehicles.TryGetValue(vehicleId, out var v))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.NotFound("Vehicle", vehicleId));
        for (int i = 0; i < windows.Count; i++)
            if (windows[i] is null || windows[i].End <= windows[i].Start)
                return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid($"windows[{i}]", "A shift window must end after it starts."));
        var calendar = new List<ShiftWindow>(v.Calendar ?? [new ShiftWindow(v.ShiftStart, v.ShiftEnd)]);
        int before = calendar.Count;
        foreach (var w in windows)
            if (!calendar.Contains(w)) calendar.Add(w);
        if (calendar.Count == before) return new(v, [], true);
        calendar.Sort((a, b) => a.Start.CompareTo(b.Start));
        var end = v.ShiftEnd;
        foreach (var w in calendar) if (w.End > end) end = w.End;
        var next = v with { Calendar = calendar.ToArray(), ShiftEnd = end };
        return new(next, [new PendingEvent(EventTypes.ShiftsScheduled, "vehicle/" + v.Id, new StateDelta(Vehicles: [next]))], true);
    }

    /// <summary>Drivers act only for their own vehicle; dispatchers for any. Unknown vehicles are not found.</summary>
    private DispatchResult<FleetVehicle> VehicleFor(CallerIdentity caller, string vehicleId)
    {
        if (caller.Role is not (CallerRole.Dispatcher or CallerRole.Driver))
            return new DispatchError(DispatchErrorCode.PermissionDenied, $"A {caller.Role} cannot act for vehicles.");
        if (!_state.Vehicles.TryGetValue(vehicleId, out var v) || !caller.CanSee(vehicleId))
            return DispatchError.NotFound("Vehicle", vehicleId);
        return v;
    }

    private CommandOutcome<FleetVehicle> ChangeShift(CallerIdentity caller, string vehicleId, bool start)
    {
        var found = VehicleFor(caller, vehicleId);
        if (!found.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(found.Error);
        var v = found.Value;
        if (!start && LoadOnBoard(v.Id) != LoadVector.Zero)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Precondition(
                $"Vehicle '{v.Id}' still has riders or parcels on board; drop them off before ending the shift."));
        var changed = start ? v.StartShift() : v.EndShift(Now);
        if (!changed.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(changed.Error);
        var next = changed.Value;
        // Until the first GPS fix the vehicle is taken to stand at its depot, so the empty kilometres of
        // its first approach are counted.
        if (start && next.LastPosition is null) next = next with { LastPosition = next.Depot, LastFixAt = Now };
        return new(next, [new PendingEvent(start ? EventTypes.ShiftStarted : EventTypes.ShiftEnded, "vehicle/" + v.Id,
            new StateDelta(Vehicles: [next]))], true);
    }

    private CommandOutcome<FleetVehicle> Position(CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset? recordedAt,
        double? heading, double? speed)
    {
        if (heading is double h && !(h >= 0 && h <= 360))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.heading", $"Heading {h} is outside 0…360 degrees."));
        if (speed is double sp && !(sp >= 0 && double.IsFinite(sp)))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.speed", $"Speed {sp} m/s must be a finite, non-negative number."));
        var found = VehicleFor(caller, vehicleId);
        if (!found.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(found.Error);
        if (!double.IsFinite(position.Latitude) || position.Latitude is < -90 or > 90)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.latitude", $"Latitude {position.Latitude} is outside −90…90."));
        if (!double.IsFinite(position.Longitude) || position.Longitude is < -180 or > 180)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.longitude", $"Longitude {position.Longitude} is outside −180…180."));
        var v = found.Value;
        if (v.State != VehicleShiftState.OnShift)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Precondition($"Vehicle '{v.Id}' is off shift; start the shift first."));
        // The plan is forecast by driving from the last fix: a fix off the road network (a GPS glitch, a yard beyond
        // the snap radius) has no travel times and would make every later stop unreachable. Refused, the fix changes
        // nothing, and the forecast continues from the last fix on the network.
        if (_travel.Service.Snap(position).Status != SnapStatus.Snapped)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position",
                $"No drivable road near position {position}; the fix was not used (the plan continues from the last fix on the road network)."));
        var now = Now;
        // Without a recorded time the fix counts as taken now (in-process callers such as the simulator).
        var at = recordedAt ?? now;
        if (CheckFix(v, position, at, now) is { } implausible) return CommandOutcome<FleetVehicle>.Rejected(implausible);
        _learning?.Observe(v.Id, position, now);
        var (moved, kpi) = Move(v, position, now, LoadOnBoard(v.Id), heading, speed);
        moved = moved with { LastFixRecordedAt = at };
        var delta = new StateDelta(Fix: new VehicleFix(moved.Id, position, now, heading, speed, at), Kpi: kpi, Routes: RescheduledRoute(moved, EngineClock.ToSeconds(now)));
        return new(moved, [new PendingEvent(EventTypes.PositionReported, "vehicle/" + v.Id, delta)], false);
    }

    /// <summary>The vehicle's current stop order re-timed from its (new) start; null when it has no route.</summary>
    private RouteChange[]? RescheduledRoute(FleetVehicle moved, double now, IReadOnlyDictionary<string, TaskRecord>? overrides = null,
        List<(string, StopKind)>? stops = null)
    {
        stops ??= RouteWithout(moved.Id, "");
        if (stops.Count == 0 && _state.RouteOf(moved.Id).IsEmpty) return null;
        return [new RouteChange(moved.Id, Reschedule(moved, stops, now, overrides))];
    }
}
