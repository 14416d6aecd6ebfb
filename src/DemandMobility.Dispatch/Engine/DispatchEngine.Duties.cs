using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Takes a vehicle out of service now (a breakdown; dispatchers, or the driver for the own vehicle): none of its
    /// duties receives work any more, and every booking and parcel it carried or was to carry is re-planned at once
    /// onto other duties under the same promise rules. Those that cannot be kept (riders on board, or no other duty
    /// fits) become <see cref="BookingStatus.Disrupted"/> with an alert. Starting a shift puts it back into service.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        RunThenRescueAsync(caller, "TakeOutOfService", vehicleId, () =>
        {
            var found = VehicleFor(caller, vehicleId);
            if (!found.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(found.Error);
            var changed = found.Value.TakeOutOfService(Now);
            if (!changed.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(changed.Error);
            return new(changed.Value, [new PendingEvent(EventTypes.VehicleOutOfService, "vehicle/" + vehicleId,
                new StateDelta(Vehicles: [changed.Value]))], true);
        }, cancellationToken);

    /// <summary>
    /// Periodic supervision, for the host to call (the re-optimisation round calls it first): re-plans the bookings of
    /// duties nobody drives (a shift not started by its start + <see cref="DispatchOptions.ShiftStartGrace"/>), marks
    /// pickups whose promised window ended without boarding late, and gives them up as missed after
    /// <see cref="DispatchOptions.MissedPickupGrace"/>, each with an alert and a KPI. Watchers are woken, so forecasts
    /// that move with the clock reach them. Returns how many events it stored.
    /// </summary>
    public async Task<int> SuperviseAsync(CancellationToken cancellationToken = default)
    {
        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int stored = await RescueLockedAsync(cancellationToken).ConfigureAwait(false);
            stored += await LatePickupsLockedAsync(cancellationToken).ConfigureAwait(false);
            _changes.Notify();
            return stored;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    /// <summary>The control room's alerts raised at or after <paramref name="since"/>, oldest first (dispatchers only).</summary>
    public Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(
        CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers read alerts.");
            var list = new List<DispatchAlert>();
            foreach (var a in _state.Alerts)
                if (a.At >= since) list.Add(a);
            return DispatchResult<IReadOnlyList<DispatchAlert>>.Ok(list);
        }, cancellationToken);

    /// <summary>Runs a command like <see cref="RunAsync{T}"/> and, when it succeeded, re-plans the work of duties that left service.</summary>
    private async Task<DispatchResult<T>> RunThenRescueAsync<T>(
        CallerIdentity caller, string operation, object request, Func<CommandOutcome<T>> decide, CancellationToken cancellationToken)
    {
        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await StoreOutcomeLockedAsync(decide(), Scope(caller, operation), null, null, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess) await RescueLockedAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    /// <summary>
    /// Takes the stops of every duty nobody drives off its vehicle (one event), then places each task that is on no
    /// route any more, in pickup order, on the best other duty that keeps its promise (one event each), or records that
    /// its promise cannot be kept. Under the writer lock. A crash between the events leaves tasks on no route, which the
    /// next call places: the state never shows a booking on a vehicle nobody drives.
    /// </summary>
    private async Task<int> RescueLockedAsync(CancellationToken cancellationToken)
    {
        int stored = 0;
        var now = Now;
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
        if (routes.Count > 0)
        {
            await CommitLockedAsync([new PendingEvent(EventTypes.DutyReleased, "plan",
                new StateDelta(Routes: [.. routes], Markers: markers.Count > 0 ? [.. markers] : null, Alerts: [.. alerts]))], null, cancellationToken).ConfigureAwait(false);
            stored++;
        }

        var onRoute = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in _state.Routes.Values)
            foreach (var s in r) onRoute.Add(s.TaskId);
        var orphans = new List<TaskRecord>();
        foreach (var t in _state.Tasks.Values)
            if (!onRoute.Contains(t.Id)) orphans.Add(t);
        orphans.Sort((a, b) => a.PickupWindow.Earliest != b.PickupWindow.Earliest
            ? a.PickupWindow.Earliest.CompareTo(b.PickupWindow.Earliest) : string.CompareOrdinal(a.Id, b.Id));
        foreach (var task in orphans)
        {
            var e = task.PickedUpAt is null && TryInsert(task, nowS) is { } choice
                ? Replanned(task, choice)
                : NotKept(task, now);
            await CommitLockedAsync([e], null, cancellationToken).ConfigureAwait(false);
            stored++;
        }
        return stored;
    }

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
    private async Task<int> LatePickupsLockedAsync(CancellationToken cancellationToken)
    {
        var now = Now;
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
        foreach (var (b, task) in due)
        {
            var windowEnd = EngineClock.FromSeconds(task.PickupWindow.Latest);
            PendingEvent e;
            if (nowS > task.PickupWindow.Latest + grace)
            {
                var missed = b.MarkMissed(now, $"Your pickup (promised until {windowEnd:HH:mm} UTC) was missed. The control room has been alerted; please book again or call.").Value!;
                var v = _state.Vehicles[task.VehicleId];
                var route = Reschedule(v, RouteWithout(v.Id, b.Id), nowS);
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
            await CommitLockedAsync([e], null, cancellationToken).ConfigureAwait(false);
        }
        return due.Count;
    }
}
