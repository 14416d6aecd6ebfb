using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Connection protection: bookings tied to a train (<see cref="QuoteRequest.Train"/>) follow its real-time status.
/// A late departure relaxes the feeder's latest drop-off (relaxing a hard window keeps every route feasible); an
/// earlier one tightens it while the planned drop-off still makes it. A late arrival moves the ride home's pickup
/// window by the extra delay: first on the same vehicle (re-timed, every promise on the route re-checked), else onto
/// the best duty by insertion. Whatever cannot be kept (train cancelled, no vehicle meets the new time) raises a
/// <see cref="DispatchAlertKind.ConnectionBroken"/> alert and tells the rider; the booking ends only when the
/// replacement connection has been planned (<see cref="ReplaceConnectionAsync"/>), so it is never dropped silently.
/// </summary>
public sealed partial class DispatchEngine
{
    /// <summary>The trains (trip, service date, stop) that confirmed bookings are tied to, one entry each.</summary>
    public Task<IReadOnlyList<TrainConnection>> TrainConnectionsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<TrainConnection>>(() =>
        {
            var seen = new HashSet<(string, DateOnly, string)>();
            var list = new List<TrainConnection>();
            foreach (var b in _state.Bookings.Values)
                if (b.Request.Train is { } t && IsFollowed(b) && seen.Add((t.TripId, t.ServiceDate, t.StopId))) list.Add(t);
            list.Sort((x, y) => x.Scheduled != y.Scheduled ? x.Scheduled.CompareTo(y.Scheduled) : string.CompareOrdinal(x.TripId, y.TripId));
            return list;
        }, cancellationToken);

    /// <summary>
    /// Applies the real-time status of trains to the bookings tied to them (dispatchers only; the server's feed poller
    /// calls it). Returns one outcome per booking whose promise changed or broke; a status equal to the one already
    /// applied changes nothing, so the same feed can be applied every poll.
    /// </summary>
    public async Task<DispatchResult<IReadOnlyList<ConnectionOutcome>>> ApplyTrainStatusAsync(
        CallerIdentity caller, IReadOnlyList<TrainStatus> statuses, CancellationToken cancellationToken = default)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers apply train real-time data.");
        for (int i = 0; i < statuses.Count; i++)
            if (string.IsNullOrWhiteSpace(statuses[i].TripId) || string.IsNullOrWhiteSpace(statuses[i].StopId))
                return DispatchError.Invalid($"statuses[{i}]", "A train status needs a trip id and a stop id.");
        var byTrain = new Dictionary<(string, DateOnly, string), TrainStatus>();
        foreach (var s in statuses) byTrain[(s.TripId, s.ServiceDate, s.StopId)] = s;

        var outcomes = new List<ConnectionOutcome>();
        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var tied = new List<(Booking, TrainStatus)>();
            foreach (var b in _state.Bookings.Values)
                if (b.Request.Train is { } t && IsFollowed(b) && byTrain.TryGetValue((t.TripId, t.ServiceDate, t.StopId), out var s))
                    tied.Add((b, s));
            tied.Sort((x, y) => string.CompareOrdinal(x.Item1.Id, y.Item1.Id));
            foreach (var (b, s) in tied)
            {
                var (e, outcome) = Follow(b, s);
                if (e is not null) await CommitLockedAsync([e], null, cancellationToken).ConfigureAwait(false);
                if (outcome is not null) outcomes.Add(outcome);
            }
        }
        finally
        {
            _lock.ExitWrite();
        }
        return DispatchResult<IReadOnlyList<ConnectionOutcome>>.Ok(outcomes);
    }

    /// <summary>
    /// Ends a booking whose connection was lost (<see cref="ConnectionOutcomeKind.Broken"/>) with what the rider is offered
    /// instead (<paramref name="offered"/>: the next train and its feeder, or null when nothing could be planned). A waiting
    /// booking becomes <see cref="BookingStatus.Disrupted"/> and leaves the plan; a rider already on board is still taken
    /// to the station, the booking no longer tied to the lost train. Dispatchers only.
    /// </summary>
    public Task<DispatchResult<Booking>> ReplaceConnectionAsync(
        CallerIdentity caller, string bookingId, string reason, string? offered, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReplaceConnection", null, bookingId, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers replace connections."));
            if (!_state.Bookings.TryGetValue(bookingId, out var b)) return CommandOutcome<Booking>.Rejected(DispatchError.NotFound("Booking", bookingId));
            if (b.Request.Train is null || !IsFollowed(b))
                return CommandOutcome<Booking>.Rejected(DispatchError.Precondition($"Booking '{bookingId}' is not waiting for a train connection."));
            string notice = $"Connection lost: {reason}. " + (offered is null
                ? "No other connection could be planned; the control room will contact you."
                : $"Offered instead: {offered}.");
            var now = Now;
            if (b.Status == BookingStatus.OnBoard)
            {
                var untied = b with { Notice = notice, Request = b.Request with { Train = null } };
                return new(untied, [new PendingEvent(EventTypes.ConnectionReplaced, "booking/" + b.Id, new StateDelta(Bookings: [untied]))], false);
            }
            var ended = b.Disrupt(now, notice);
            if (!ended.IsSuccess) return CommandOutcome<Booking>.Rejected(ended.Error);
            var delta = new StateDelta(Bookings: [ended.Value!]);
            if (_state.Tasks.TryGetValue(b.Id, out var task) && _state.Vehicles.TryGetValue(task.VehicleId, out var v))
            {
                var route = _planner.Reschedule(v, _planner.RouteWithout(v.Id, b.Id), EngineClock.ToSeconds(now));
                delta = delta with { RemovedTasks = [b.Id], Routes = [new RouteChange(v.Id, route)], Markers = _planner.ClearMarkerIfAt(v.Id, b.Id) };
            }
            return new(ended.Value!, [new PendingEvent(EventTypes.ConnectionReplaced, "booking/" + b.Id, delta)], false);
        }, cancellationToken);

    /// <summary>A feeder is followed until drop-off; a ride home until boarding (the train has arrived by then).</summary>
    private static bool IsFollowed(Booking b) =>
        b.Status == BookingStatus.Confirmed || (b.Status == BookingStatus.OnBoard && b.Request.Train?.Kind == TrainConnectionKind.Feeder);

    private (PendingEvent? Event, ConnectionOutcome? Outcome) Follow(Booking b, TrainStatus s)
    {
        var train = b.Request.Train!;
        if (!_state.Tasks.TryGetValue(b.Id, out var task)) return (null, null);
        if (train.Kind == TrainConnectionKind.RideHome && task.PickedUpAt is not null) return (null, null);
        if (s.Cancelled) return Broken(b, s, $"{train.Describe()} is cancelled");
        var applied = b.TrainDelay ?? train.Delay;
        return train.Kind == TrainConnectionKind.Feeder ? FollowDeparture(b, task, s, applied) : FollowArrival(b, task, s, applied);
    }

    private (PendingEvent?, ConnectionOutcome?) FollowDeparture(Booking b, TaskRecord task, TrainStatus s, TimeSpan applied)
    {
        if (s.Delay == applied) return (null, null);
        var train = b.Request.Train!;
        var departs = train.Scheduled + s.Delay;
        var deadline = departs - train.Buffer;
        double deadlineS = EngineClock.ToSeconds(deadline);
        var newTask = task with { DeliveryWindow = new TimeWindow(task.DeliveryWindow.Earliest, deadlineS) };
        var offer = b.Offer! with { LatestArrival = deadline };
        bool relaxed = s.Delay > applied;
        var kind = relaxed ? ConnectionOutcomeKind.DeadlineRelaxed : ConnectionOutcomeKind.DeadlineTightened;
        string notice = relaxed
            ? $"Your train {train.Route} leaves {Minutes(s.Delay)} late ({departs:HH:mm} UTC); your trip stays as promised."
            : $"Your train {train.Route} now leaves at {departs:HH:mm} UTC; you will still be dropped off by {deadline:HH:mm} UTC.";
        var outcome = new ConnectionOutcome(b.Id, b.RiderId, train, kind, s.Delay, deadline, notice);
        var updated = b with { Offer = offer, TrainDelay = s.Delay, Notice = notice };
        if (relaxed || PlannedServiceStart(task.VehicleId, b.Id, StopKind.Delivery) <= deadlineS + 1e-6)
            return (Retimed(updated, newTask, null), outcome);
        if (b.Status == BookingStatus.Confirmed && Reinsert(task, newTask) is { } moved)
            return (Retimed(updated with { VehicleId = moved.Task.VehicleId }, moved.Task, moved.Routes), outcome);
        return Broken(b, s, $"{train.Describe()} now leaves at {departs:HH:mm} UTC, before the on-demand bus can drop you off");
    }

    private (PendingEvent?, ConnectionOutcome?) FollowArrival(Booking b, TaskRecord task, TrainStatus s, TimeSpan applied)
    {
        var train = b.Request.Train!;
        // An early train moves nothing: the rider waits for the promised window. A late one moves it by the extra delay.
        var before = Max(TimeSpan.Zero, applied - train.Delay);
        var after = Max(TimeSpan.Zero, s.Delay - train.Delay);
        if (before == after) return (null, null);
        double move = (after - before).TotalSeconds;
        var newTask = task with
        {
            PickupWindow = new TimeWindow(task.PickupWindow.Earliest + move, task.PickupWindow.Latest + move),
            DeliveryWindow = double.IsFinite(task.DeliveryWindow.Latest)
                ? new TimeWindow(task.DeliveryWindow.Earliest, task.DeliveryWindow.Latest + move) : task.DeliveryWindow,
        };
        var o = b.Offer!;
        var offer = o with
        {
            PromisedPickupStart = o.PromisedPickupStart.AddSeconds(move),
            PromisedPickupEnd = o.PromisedPickupEnd.AddSeconds(move),
            LatestArrival = o.LatestArrival?.AddSeconds(move),
        };
        var arrives = train.Scheduled + s.Delay;
        string notice = $"Your train {train.Route} arrives {Minutes(s.Delay)} late ({arrives:HH:mm} UTC): your pickup window is now " +
                        $"{offer.PromisedPickupStart:HH:mm}–{offer.PromisedPickupEnd:HH:mm} UTC.";
        var outcome = new ConnectionOutcome(b.Id, b.RiderId, train, ConnectionOutcomeKind.PickupMoved, s.Delay, offer.PromisedPickupStart, notice);
        var updated = b with { Offer = offer, TrainDelay = s.Delay, Notice = notice };
        if (SameVehicle(task, newTask) is { } route)
            return (Retimed(updated, newTask, [new RouteChange(task.VehicleId, route)]), outcome);
        if (Reinsert(task, newTask) is { } moved)
            return (Retimed(updated with { VehicleId = moved.Task.VehicleId }, moved.Task, moved.Routes), outcome);
        return Broken(b, s, $"{train.Describe()} arrives {Minutes(s.Delay)} late and no vehicle can pick you up after it");
    }

    private static PendingEvent Retimed(Booking b, TaskRecord task, RouteChange[]? routes) =>
        new(EventTypes.ConnectionRetimed, "booking/" + b.Id, new StateDelta(Bookings: [b], Tasks: [task], Routes: routes));

    /// <summary>Alert and notice once per reason; the outcome is returned every time, so a lost replacement is planned again.</summary>
    private (PendingEvent?, ConnectionOutcome?) Broken(Booking b, TrainStatus s, string reason)
    {
        var outcome = new ConnectionOutcome(b.Id, b.RiderId, b.Request.Train!, ConnectionOutcomeKind.Broken, s.Delay, null, reason);
        string notice = $"Connection lost: {reason}. The control room has been alerted; your next connection is being planned.";
        if (b.Notice == notice) return (null, outcome);
        var alert = new DispatchAlert(Now, DispatchAlertKind.ConnectionBroken, b.VehicleId, b.Id,
            $"Booking '{b.Id}': connection lost ({reason}); the rider is offered the next connection.");
        return (new PendingEvent(EventTypes.ConnectionBroken, "booking/" + b.Id,
            new StateDelta(Bookings: [b with { Notice = notice }], Alerts: [alert])), outcome);
    }

    /// <summary>
    /// The task's vehicle route re-timed with the moved window (same order), or null when that breaks a promise on it: a
    /// window, a ride-time limit or a duty's end (<see cref="RoutePlanner.Reschedule"/> only pushes times later).
    /// </summary>
    private PlannedStop[]? SameVehicle(TaskRecord task, TaskRecord moved)
    {
        if (!_state.Vehicles.TryGetValue(task.VehicleId, out var v)) return null;
        double now = EngineClock.ToSeconds(Now);
        var stops = _planner.RouteWithout(v.Id, "");
        var overrides = new Dictionary<string, TaskRecord>(StringComparer.Ordinal) { [task.Id] = moved };
        var route = _planner.Reschedule(v, stops, now, overrides);
        var picked = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in route)
        {
            var t = s.TaskId == task.Id ? moved : _state.Tasks[s.TaskId];
            if (s.Kind == StopKind.Pickup)
            {
                if (s.ServiceStart > t.PickupWindow.Latest + 1e-6) return null;
                picked[s.TaskId] = s.Departure;
            }
            else
            {
                if (s.ServiceStart > t.DeliveryWindow.Latest + 1e-6) return null;
                double from = picked.TryGetValue(s.TaskId, out double d) ? d : t.PickedUpAt ?? s.ServiceStart;
                if (s.ServiceStart - from > t.MaxRideTime + 1e-6) return null;
            }
        }
        foreach (var d in DutyPlanner.Of(_state, v, now, _options))
            for (int k = d.First; k < d.First + d.Count && k < route.Length; k++)
                if (route[k].Departure > d.End + 1e-6) return null;
        return route;
    }

    /// <summary>
    /// Places the moved task on the best duty (any vehicle) as a quote would, with its old stops taken off its vehicle
    /// for the search only; null when no duty keeps every promise. A vehicle standing at the pickup keeps it.
    /// </summary>
    private (TaskRecord Task, RouteChange[] Routes)? Reinsert(TaskRecord task, TaskRecord moved)
    {
        if (task.PickedUpAt is not null || !_state.Vehicles.TryGetValue(task.VehicleId, out var v)) return null;
        if (_state.ArrivedAt.TryGetValue(v.Id, out var at) && at == task.Id) return null;
        double now = EngineClock.ToSeconds(Now);
        var kept = _state.RouteOf(v.Id);
        var without = _planner.Reschedule(v, _planner.RouteWithout(v.Id, task.Id), now);
        InsertionChoice? choice;
        _state.Routes[v.Id] = [.. without];
        try
        {
            choice = _planner.TryInsert(moved with { VehicleId = "" }, now);
        }
        finally
        {
            _state.Routes[v.Id] = kept;
        }
        if (choice is null) return null;
        RouteChange[] routes = choice.VehicleId == v.Id
            ? [new RouteChange(v.Id, choice.Route)]
            : [new RouteChange(v.Id, without), new RouteChange(choice.VehicleId, choice.Route)];
        return (moved with { VehicleId = choice.VehicleId }, routes);
    }

    /// <summary>The planned service start of a task's stop on its vehicle's route; +∞ when it is not on it.</summary>
    private double PlannedServiceStart(string vehicleId, string taskId, StopKind kind)
    {
        foreach (var s in _state.RouteOf(vehicleId))
            if (s.TaskId == taskId && s.Kind == kind) return s.ServiceStart;
        return double.PositiveInfinity;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Minutes(TimeSpan t) => $"{Math.Round(Math.Abs(t.TotalMinutes)):F0} min";
}
