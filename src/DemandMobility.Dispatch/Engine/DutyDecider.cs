using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Decides what happens to the work of duties that left service (a vehicle taken out of service, a shift ended or never
/// started) and to pickups whose promised window ended without boarding. Each method decides one event from the state
/// of that moment; the engine commits it before asking for the next, so each decision sees the previous one.
/// </summary>
internal sealed class DutyDecider(EngineContext context, RoutePlanner planner, RequestRules rules)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;

    private DateTimeOffset Now => context.Now;

    /// <summary>Takes a vehicle out of service now (dispatchers, or the driver for the own vehicle).</summary>
    internal CommandOutcome<FleetVehicle> TakeOutOfService(CallerIdentity caller, string vehicleId)
    {
        var found = rules.VehicleFor(caller, vehicleId);
        if (!found.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(found.Error);
        var changed = found.Value.TakeOutOfService(Now);
        if (!changed.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(changed.Error);
        return new(changed.Value, [new PendingEvent(EventTypes.VehicleOutOfService, "vehicle/" + vehicleId,
            new StateDelta(Vehicles: [changed.Value], Actor: DispatchEngine.ActorOf(caller)))], true);
    }

    /// <summary>
    /// One event taking the stops of every duty nobody drives off its vehicle, with an alert per vehicle; null when
    /// every planned duty is still driven.
    /// </summary>
    internal PendingEvent? ReleaseUnstaffedDuties(DateTimeOffset now)
    {
        double nowS = EngineClock.ToSeconds(now);
        var routes = new List<RouteChange>();
        var markers = new List<VehicleMarker>();
        var alerts = new List<DispatchAlert>();
        foreach (var id in _state.VehicleOrder)
        {
            var v = _state.Vehicles[id];
            var route = _state.RouteOf(id);
            var keep = new List<PlannedStop>(route.Length);
            int released = 0;
            foreach (var d in DutyPlanner.Of(_state, v, nowS, _options))
                for (int k = d.First; k < d.First + d.Count; k++)
                {
                    if (d.Usable) keep.Add(route[k]);
                    else
                    {
                        released++;
                        if (_state.ArrivedAt.TryGetValue(id, out var at) && at == route[k].TaskId) markers.Add(new VehicleMarker(id, null));
                    }
                }
            if (released == 0) continue;
            routes.Add(new RouteChange(id, [.. keep]));
            string why = v.State switch
            {
                VehicleShiftState.OutOfService => "was taken out of service",
                VehicleShiftState.OnShift => "ended a duty",
                _ when v.ClosedUntil is not null => "ended its shift",
                _ => "did not start its shift",
            };
            alerts.Add(new DispatchAlert(now, DispatchAlertKind.DutyLost, id, null,
                $"Vehicle '{id}' {why}; {released} planned stops are being re-planned onto other duties."));
        }
        if (routes.Count == 0) return null;
        return new PendingEvent(EventTypes.DutyReleased, "plan",
            new StateDelta(Routes: [.. routes], Markers: markers.Count > 0 ? [.. markers] : null, Alerts: [.. alerts]));
    }

    /// <summary>Tasks on no route (their duty was released, or a crash came between two events), in pickup order.</summary>
    internal List<TaskRecord> Orphans()
    {
        var onRoute = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in _state.Routes.Values)
            foreach (var s in r) onRoute.Add(s.TaskId);
        var orphans = new List<TaskRecord>();
        foreach (var t in _state.Tasks.Values)
            if (!onRoute.Contains(t.Id)) orphans.Add(t);
        orphans.Sort((a, b) => a.PickupWindow.Earliest != b.PickupWindow.Earliest
            ? a.PickupWindow.Earliest.CompareTo(b.PickupWindow.Earliest) : string.CompareOrdinal(a.Id, b.Id));
        return orphans;
    }

    /// <summary>Places a task on the best other duty that keeps its promise, or records that its promise cannot be kept.</summary>
    internal PendingEvent Place(TaskRecord task, DateTimeOffset now) =>
        task.PickedUpAt is null && planner.TryInsert(task, EngineClock.ToSeconds(now)) is { } choice
            ? Replanned(task, choice)
            : NotKept(task, now);

    private PendingEvent Replanned(TaskRecord task, InsertionChoice choice)
    {
        string notice = $"Your trip was moved to vehicle '{choice.VehicleId}'; pickup about {EngineClock.FromSeconds(choice.PickupStart):HH:mm} UTC, within your promised window.";
        var delta = new StateDelta(
            Bookings: _state.Bookings.TryGetValue(task.Id, out var b) ? [b.Replanned(choice.VehicleId, notice)] : null,
            Parcels: _state.Parcels.TryGetValue(task.Id, out var p) ? [p.OnVehicle(choice.VehicleId)] : null,
            Tasks: [task with { VehicleId = choice.VehicleId }],
            Routes: [new RouteChange(choice.VehicleId, choice.Route)],
            Kpi: new KpiDelta(Replanned: 1));
        return new PendingEvent(EventTypes.TaskReplanned, (b is null ? "parcel/" : "booking/") + task.Id, delta);
    }

    private PendingEvent NotKept(TaskRecord task, DateTimeOffset now)
    {
        bool onBoard = task.PickedUpAt is not null;
        string notice = onBoard
            ? "Your vehicle is out of service. The control room has been alerted and will arrange your onward journey."
            : "Your vehicle is out of service and no other vehicle can pick you up within your promised window. The control room has been alerted and will contact you.";
        Booking[]? bookings = null;
        Parcel[]? parcels = null;
        if (_state.Bookings.TryGetValue(task.Id, out var b) && b.Disrupt(now, notice) is { IsSuccess: true } d) bookings = [d.Value!];
        if (_state.Parcels.TryGetValue(task.Id, out var p) && p.Status == ParcelStatus.Planned) parcels = [p.Cancel(now).Value!];
        string what = task.Kind == RequestKind.Parcel ? "Parcel" : "Booking";
        var alert = new DispatchAlert(now, DispatchAlertKind.PromiseNotKept, task.VehicleId, task.Id,
            onBoard
                ? $"{what} '{task.Id}' is on board vehicle '{task.VehicleId}', which left service: arrange the onward journey."
                : $"{what} '{task.Id}' could not be moved to another duty within its promise: contact the {(parcels is null ? "rider" : "shop")}.");
        var delta = new StateDelta(Bookings: bookings, Parcels: parcels, RemovedTasks: [task.Id], Kpi: new KpiDelta(NotKept: 1), Alerts: [alert]);
        return new PendingEvent(EventTypes.PromiseNotKept, (task.Kind == RequestKind.Parcel ? "parcel/" : "booking/") + task.Id, delta);
    }

    /// <summary>
    /// Pickups whose promised window ended without boarding: marked late once (alert, KPI, the rider told), and given
    /// up as missed once the grace has passed too (taken out of the plan). A vehicle standing at the pickup is left to
    /// its driver (boarding or no-show).
    /// </summary>
    internal List<(Booking Booking, TaskRecord Task)> DuePickups(DateTimeOffset now)
    {
        double nowS = EngineClock.ToSeconds(now);
        double grace = _options.MissedPickupGrace.TotalSeconds;
        var due = new List<(Booking Booking, TaskRecord Task)>();
        foreach (var b in _state.Bookings.Values)
        {
            if (b.Status != BookingStatus.Confirmed || !_state.Tasks.TryGetValue(b.Id, out var task) || task.PickedUpAt is not null) continue;
            if (nowS <= task.PickupWindow.Latest) continue;
            if (_state.ArrivedAt.TryGetValue(task.VehicleId, out var at) && at == b.Id) continue;
            if (b.LateSince is null || nowS > task.PickupWindow.Latest + grace) due.Add((b, task));
        }
        due.Sort((x, y) => string.CompareOrdinal(x.Booking.Id, y.Booking.Id));
        return due;
    }

    /// <summary>The event for one due pickup: late (once), or missed once the grace has passed too.</summary>
    internal PendingEvent LatePickup(Booking b, TaskRecord task, DateTimeOffset now)
    {
        double nowS = EngineClock.ToSeconds(now);
        double grace = _options.MissedPickupGrace.TotalSeconds;
        var windowEnd = EngineClock.FromSeconds(task.PickupWindow.Latest);
        PendingEvent e;
        if (nowS > task.PickupWindow.Latest + grace)
        {
            var missed = b.MarkMissed(now, $"Your pickup (promised until {windowEnd:HH:mm} UTC) was missed. The control room has been alerted; please book again or call.").Value!;
            var v = _state.Vehicles[task.VehicleId];
            var route = planner.Reschedule(v, planner.RouteWithout(v.Id, b.Id), nowS);
            var alert = new DispatchAlert(now, DispatchAlertKind.PickupMissed, v.Id, b.Id,
                $"Booking '{b.Id}' was not picked up by {windowEnd:O} (+ {_options.MissedPickupGrace.TotalMinutes:F0} min grace) and is given up as missed.");
            e = new PendingEvent(EventTypes.PickupMissed, "booking/" + b.Id, new StateDelta(Bookings: [missed], RemovedTasks: [b.Id],
                Routes: [new RouteChange(v.Id, route)], Kpi: new KpiDelta(PickupsMissed: 1, PickupsLate: b.LateSince is null ? 1 : 0), Alerts: [alert]));
        }
        else
        {
            var late = b.MarkLate(now, $"Your vehicle is late: the promised pickup window ended at {windowEnd:HH:mm} UTC. It is still on its way.");
            var alert = new DispatchAlert(now, DispatchAlertKind.PickupLate, task.VehicleId, b.Id,
                $"Booking '{b.Id}': the promised pickup window ended at {windowEnd:O} without boarding.");
            e = new PendingEvent(EventTypes.PickupLate, "booking/" + b.Id, new StateDelta(Bookings: [late], Kpi: new KpiDelta(PickupsLate: 1), Alerts: [alert]));
        }
        return e;
    }
}
