using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// The engine's change counter: it moves on after every stored command, supervision round or re-plan. Push feeds
    /// (the control room's event stream) remember the value they last rendered and wait with <see cref="WaitForChangeAsync"/>.
    /// </summary>
    public long ChangeVersion => _changes.Version;

    /// <summary>
    /// Completes as soon as <see cref="ChangeVersion"/> differs from <paramref name="seen"/> (at once when it already does).
    /// Nothing is queued: a watcher re-reads the state it shows, so changes that happened together are seen together.
    /// </summary>
    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken = default) =>
        _changes.WaitAsync(seen, cancellationToken);

    /// <summary>
    /// A breakdown as the control room sees it: <see cref="TakeOutOfServiceAsync"/> (same rules, same events), then
    /// which of the vehicle's bookings and parcels went to other duties and which could not be kept (their
    /// <see cref="DispatchAlertKind.PromiseNotKept"/> alerts, for the call-back list).
    /// </summary>
    public async Task<DispatchResult<BreakdownReport>> TakeOutOfServiceWithReportAsync(
        CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (planned, earlier) = await ReadAsync(() =>
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (_state.Vehicles.ContainsKey(vehicleId))
                foreach (var s in _state.RouteOf(vehicleId)) ids.Add(s.TaskId);
            return (ids, new HashSet<DispatchAlert>(_state.Alerts, ReferenceEqualityComparer.Instance));
        }, cancellationToken).ConfigureAwait(false);
        var taken = await TakeOutOfServiceAsync(caller, vehicleId, cancellationToken).ConfigureAwait(false);
        if (!taken.IsSuccess) return taken.Error!;
        // The re-plan ran inside the command's write lock, so its alerts are in the state now.
        return await ReadAsync(() =>
        {
            var callBacks = ImmutableArray.CreateBuilder<DispatchAlert>();
            var lost = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in _state.Alerts)
                if (a.Kind == DispatchAlertKind.PromiseNotKept && a.BookingId is { } id && planned.Contains(id) && !earlier.Contains(a) && lost.Add(id))
                    callBacks.Add(a);
            var onOthers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (id, route) in _state.Routes)
                if (id != vehicleId)
                    foreach (var s in route) if (planned.Contains(s.TaskId)) onOthers.Add(s.TaskId);
            var moved = ImmutableArray.CreateBuilder<string>();
            foreach (var id in onOthers.Order(StringComparer.Ordinal)) moved.Add(id);
            return DispatchResult<BreakdownReport>.Ok(new BreakdownReport(taken.Value!, moved.ToImmutable(), callBacks.ToImmutable()));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The longest reason or note a dispatcher may give (it is shown to riders and stored in the log).</summary>
    public const int MaxControlRoomText = 500;

    /// <summary>
    /// The alerts raised at or after <paramref name="since"/>, oldest first, each with its id and acknowledgement
    /// (dispatchers only). Acknowledged alerts stay in the list: the history is kept.
    /// </summary>
    public Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(
        CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers read alerts.");
            var list = new List<AlertEntry>();
            foreach (var a in _state.Alerts)
            {
                if (a.At < since) continue;
                string id = AlertIds.Of(a);
                list.Add(new AlertEntry(id, a, _state.AlertAcks.GetValueOrDefault(id)));
            }
            return DispatchResult<IReadOnlyList<AlertEntry>>.Ok(list);
        }, cancellationToken);

    /// <summary>
    /// Records that a dispatcher dealt with an alert (who, when, an optional note). Acknowledging again returns the
    /// first acknowledgement unchanged. NotFound for an id that is not among the alerts kept in memory.
    /// </summary>
    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeAlertAsync(
        CallerIdentity caller, string alertId, string? note = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "AcknowledgeAlert", null, new { alertId, note }, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<AlertAcknowledgement>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers acknowledge alerts."));
            if (TextError("note", note, required: false) is { } bad) return CommandOutcome<AlertAcknowledgement>.Rejected(bad);
            if (_state.AlertAcks.TryGetValue(alertId, out var earlier)) return new(earlier, [], false);
            if (!_state.Alerts.Exists(a => AlertIds.Of(a) == alertId))
                return CommandOutcome<AlertAcknowledgement>.Rejected(DispatchError.NotFound("Alert", alertId));
            var ack = new AlertAcknowledgement(alertId, caller.Subject, Now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            return new(ack, [new PendingEvent(EventTypes.AlertAcknowledged, "alert/" + alertId,
                new StateDelta(AlertAcks: [ack], Actor: ActorOf(caller)))], true);
        }, cancellationToken);

    /// <summary>
    /// Cancels a booking for the control room with a reason the rider sees (<see cref="Booking.Notice"/>, so
    /// <c>WatchBooking</c> shows it), under the same rules as <see cref="CancelBookingAsync"/>; the event names the dispatcher.
    /// </summary>
    public Task<DispatchResult<Booking>> CancelBookingWithReasonAsync(
        CallerIdentity caller, string bookingId, string reason, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "CancelBookingWithReason", idempotencyKey, new { bookingId, reason }, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers cancel with a reason; riders use CancelBooking."));
            if (TextError("reason", reason, required: true) is { } bad) return CommandOutcome<Booking>.Rejected(bad);
            var outcome = _bookings.Cancel(caller, bookingId);
            if (!outcome.Result.IsSuccess || outcome.Events.Count == 0) return outcome;
            var told = outcome.Result.Value! with { Notice = "Cancelled by the control room: " + reason.Trim() };
            var events = outcome.Events.Select(e => e with { Delta = e.Delta with { Bookings = [told], Actor = ActorOf(caller) } }).ToList();
            return new(told, events, true);
        }, cancellationToken);

    /// <summary>
    /// Moves a confirmed booking (not yet picked up) to another vehicle, only if a place in that vehicle's plan keeps
    /// the booking's promise and every promise already planned there; otherwise refused with FailedPrecondition
    /// naming the promise that would break. The old vehicle's remaining stops are re-timed.
    /// </summary>
    public Task<DispatchResult<Booking>> MoveBookingAsync(
        CallerIdentity caller, string bookingId, string vehicleId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "MoveBooking", null, new { bookingId, vehicleId }, () => Move(caller, bookingId, vehicleId), cancellationToken);

    private CommandOutcome<Booking> Move(CallerIdentity caller, string bookingId, string vehicleId)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return CommandOutcome<Booking>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers move bookings."));
        if (!_state.Bookings.TryGetValue(bookingId, out var b)) return CommandOutcome<Booking>.Rejected(DispatchError.NotFound("Booking", bookingId));
        if (!_state.Vehicles.TryGetValue(vehicleId, out var target)) return CommandOutcome<Booking>.Rejected(DispatchError.NotFound("Vehicle", vehicleId));
        if (b.Status != BookingStatus.Confirmed || !_state.Tasks.TryGetValue(bookingId, out var task) || task.PickedUpAt is not null)
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition(
                $"Booking '{bookingId}' is {b.Status}: only a confirmed booking that is not yet on board can be moved."));
        if (task.VehicleId == vehicleId)
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition($"Booking '{bookingId}' is already planned on '{vehicleId}'."));
        if (!task.Load.FitsWithin(target.Capacity))
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition(
                $"Vehicle '{vehicleId}' cannot carry booking '{bookingId}': it needs {task.Load.Seats} seat(s) and {task.Load.Wheelchairs} wheelchair place(s), " +
                $"the vehicle has {target.Capacity.Seats} and {target.Capacity.Wheelchairs}."));
        double now = EngineClock.ToSeconds(Now);
        string window = $"pickup {Clock(task.PickupWindow.Earliest)}–{Clock(task.PickupWindow.Latest)} UTC"
            + (Bounded(task.DeliveryWindow.Latest) ? $", drop-off by {Clock(task.DeliveryWindow.Latest)} UTC" : "");
        if (_planner.EligibleDuties(_planner.UsableDuties(now), task, now, onlyVehicle: vehicleId).Count == 0)
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition(
                $"Vehicle '{vehicleId}' has no duty in service during booking '{bookingId}''s promise ({window})."));
        if (_planner.TryInsert(task, now, onlyVehicle: vehicleId) is not { } choice)
        {
            int planned = _state.RouteOf(vehicleId).Count(s => s.Kind == Optimization.Model.StopKind.Pickup);
            return CommandOutcome<Booking>.Rejected(DispatchError.Precondition(
                $"Moving booking '{bookingId}' to '{vehicleId}' would break a promise: no place in its plan keeps the booking's promise ({window}, " +
                $"ride at most {Math.Round(task.MaxRideTime / 60)} min) together with the {planned} booking(s) already planned on '{vehicleId}'."));
        }
        string from = task.VehicleId;
        var source = _state.Vehicles[from];
        var rest = _planner.Reschedule(source, _planner.RouteWithout(from, bookingId), now);
        string notice = $"Your trip was moved to vehicle '{vehicleId}' by the control room; pickup about {Clock(choice.PickupStart)} UTC, within your promised window.";
        var moved = b.Replanned(vehicleId, notice);
        var delta = new StateDelta(Bookings: [moved], Tasks: [task with { VehicleId = vehicleId }],
            Routes: [new RouteChange(from, rest), new RouteChange(vehicleId, choice.Route)], Markers: _planner.ClearMarkerIfAt(from, bookingId),
            Actor: ActorOf(caller));
        return new(moved, [new PendingEvent(EventTypes.BookingMoved, "booking/" + bookingId, delta)], true);
    }

    /// <summary>The longest a dispatcher may extend a shift beyond now.</summary>
    public static readonly TimeSpan MaxShiftExtension = TimeSpan.FromHours(12);

    /// <summary>
    /// Extends the vehicle's shift running now to <paramref name="until"/> (dispatchers only), so the vehicle takes work
    /// until then; the event names the dispatcher. Refused when no shift of the vehicle runs now, when the vehicle is
    /// out of service, when <paramref name="until"/> is not after the current end or more than
    /// <see cref="MaxShiftExtension"/> from now, or when it would run into the vehicle's next shift.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> ExtendShiftAsync(
        CallerIdentity caller, string vehicleId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ExtendShift", null, new { vehicleId, until }, () => ExtendShift(caller, vehicleId, until), cancellationToken);

    private CommandOutcome<FleetVehicle> ExtendShift(CallerIdentity caller, string vehicleId, DateTimeOffset until)
    {
        if (caller.Role != CallerRole.Dispatcher)
            return CommandOutcome<FleetVehicle>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers extend shifts."));
        if (!_state.Vehicles.TryGetValue(vehicleId, out var v)) return CommandOutcome<FleetVehicle>.Rejected(DispatchError.NotFound("Vehicle", vehicleId));
        if (v.State == VehicleShiftState.OutOfService)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Precondition($"Vehicle '{vehicleId}' is out of service; start its shift before extending it."));
        var now = Now;
        var windows = v.Windows;
        int running = -1;
        for (int i = 0; i < windows.Count; i++)
            if (windows[i].Start <= now && now < windows[i].End) running = i;
        if (running < 0 || v.ClosedUntil is { } closed && windows[running].Start <= closed)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Precondition(
                $"Vehicle '{vehicleId}' has no shift running now ({now:HH:mm} UTC); schedule a new shift instead."));
        var current = windows[running];
        if (until <= current.End)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("until", $"The new end must be after the shift's current end {current.End:HH:mm} UTC."));
        if (until > now + MaxShiftExtension)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("until", $"A shift can be extended to at most {MaxShiftExtension.TotalHours:0} h from now."));
        if (running + 1 < windows.Count && windows[running + 1].Start < until)
            return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Precondition(
                $"Extending to {until:HH:mm} UTC would run into the vehicle's next shift starting {windows[running + 1].Start:yyyy-MM-dd HH:mm} UTC."));
        var extended = v.Calendar is null
            ? v with { ShiftEnd = until }
            : v with { Calendar = [.. v.Calendar.Select((w, i) => i == running ? w with { End = until } : w)], ShiftEnd = until > v.ShiftEnd ? until : v.ShiftEnd };
        return new(extended, [new PendingEvent(EventTypes.ShiftExtended, "vehicle/" + vehicleId,
            new StateDelta(Vehicles: [extended], Actor: ActorOf(caller)))], true);
    }

    /// <summary>Open windows end at a sentinel far beyond any shift (or infinity): those have no time to name.</summary>
    private static bool Bounded(double engineSeconds) => double.IsFinite(engineSeconds) && engineSeconds < 1e10;

    private static string Clock(double engineSeconds) =>
        EngineClock.FromSeconds(engineSeconds).ToString("HH:mm", CultureInfo.InvariantCulture);

    internal static string ActorOf(CallerIdentity caller) => $"{caller.Role.ToString().ToLowerInvariant()}:{caller.Subject}";

    private static DispatchError? TextError(string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
            return required ? DispatchError.Invalid(field, $"A {field} is required.") : null;
        return text.Trim().Length > MaxControlRoomText || text.Any(char.IsControl)
            ? DispatchError.Invalid(field, $"The {field} must be at most {MaxControlRoomText} characters without control characters.")
            : null;
    }
}
