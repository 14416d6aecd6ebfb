using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Decides fleet commands: registration, shift calendars, shift start and end, GPS fixes.</summary>
internal sealed class FleetDecider(EngineContext context, RoutePlanner planner, RequestRules rules)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>A new vehicle (dispatchers only); the depot must lie on the road network and the shift be bookable.</summary>
    internal CommandOutcome<FleetVehicle> Register(CallerIdentity caller, VehicleRegistration r)
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

    /// <summary>Adds shift windows to a vehicle's calendar (dispatchers only); windows starting when one already there starts are skipped.</summary>
    internal CommandOutcome<FleetVehicle> ScheduleShifts(CallerIdentity caller, string vehicleId, IReadOnlyList<ShiftWindow> windows)
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
        // A window starting when one already there starts is the same duty, possibly extended by a dispatcher
        // (ExtendShift): the calendar that is re-scheduled every hour must not bring the old end back beside it.
        foreach (var w in windows)
            if (!calendar.Exists(c => c.Start == w.Start)) calendar.Add(w);
        if (calendar.Count == before) return new(v, [], true);
        calendar.Sort((a, b) => a.Start.CompareTo(b.Start));
        var end = v.ShiftEnd;
        foreach (var w in calendar) if (w.End > end) end = w.End;
        var next = v with { Calendar = calendar.ToArray(), ShiftEnd = end };
        return new(next, [new PendingEvent(EventTypes.ShiftsScheduled, "vehicle/" + v.Id, new StateDelta(Vehicles: [next]))], true);
    }

    /// <summary>Starts or ends a shift; ending is refused while riders or parcels are on board.</summary>
    internal CommandOutcome<FleetVehicle> ChangeShift(CallerIdentity caller, string vehicleId, bool start)
    {
        var found = rules.VehicleFor(caller, vehicleId);
        if (!found.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(found.Error);
        var v = found.Value;
        if (!start && planner.LoadOnBoard(v.Id) != LoadVector.Zero)
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

    /// <summary>A GPS fix after the plausibility rules (<see cref="RequestRules.CheckFix"/>): moves the vehicle and re-times its route.</summary>
    internal CommandOutcome<FleetVehicle> Position(CallerIdentity caller, string vehicleId, GeoPoint position, DateTimeOffset? recordedAt,
        double? heading, double? speed)
    {
        if (heading is double h && !(h >= 0 && h <= 360))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.heading", $"Heading {h} is outside 0…360 degrees."));
        if (speed is double sp && !(sp >= 0 && double.IsFinite(sp)))
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("position.speed", $"Speed {sp} m/s must be a finite, non-negative number."));
        var found = rules.VehicleFor(caller, vehicleId);
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
        if (rules.CheckFix(v, position, at, now) is { } implausible) return CommandOutcome<FleetVehicle>.Rejected(implausible);
        context.Learning?.Observe(v.Id, position, now);
        var (moved, kpi) = planner.Move(v, position, now, planner.LoadOnBoard(v.Id), heading, speed);
        moved = moved with { LastFixRecordedAt = at };
        bool store = StoresFix(v.Id, now);
        // A stored fix carries the metres of the unstored fixes before it, so a replay adds up the same distance.
        if (store && _state.UnstoredFixKpi.TryGetValue(v.Id, out var held)) kpi = held.Plus(kpi);
        var delta = new StateDelta(Fix: new VehicleFix(moved.Id, position, now, heading, speed, at), Kpi: kpi, Routes: planner.RescheduledRoute(moved, EngineClock.ToSeconds(now)));
        return new(moved, [new PendingEvent(EventTypes.PositionReported, "vehicle/" + v.Id, delta, store)], false);
    }

    /// <summary>
    /// Whether a fix taken at <paramref name="now"/> goes to the log: the vehicle's first since the start, or the first at
    /// least <see cref="DispatchOptions.FixStoreInterval"/> after its last stored one (a down-sampled track).
    /// </summary>
    internal bool StoresFix(string vehicleId, DateTimeOffset now) =>
        _options.FixStoreInterval == TimeSpan.Zero
        || !_state.LastStoredFixAt.TryGetValue(vehicleId, out var last)
        || now - last >= _options.FixStoreInterval;
}
