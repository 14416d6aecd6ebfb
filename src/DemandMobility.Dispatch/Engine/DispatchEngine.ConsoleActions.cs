using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>The longest shift an ad-hoc vehicle may be started for.</summary>
    public static readonly TimeSpan MaxAdHocShift = TimeSpan.FromHours(14);

    /// <summary>
    /// The id prefix of alerts the control room computes from the live state (late forecast, silent tracker, rejected
    /// quotes, no-shows) rather than the engine's alert log; <see cref="AcknowledgeComputedAlertAsync"/> records their
    /// acknowledgements in the same way as the engine's.
    /// </summary>
    public const string ComputedAlertPrefix = "computed/";

    /// <summary>
    /// An ad-hoc vehicle (dispatchers only): registers it under the same rules as <see cref="RegisterVehicleAsync"/>
    /// with a shift from now until <paramref name="until"/>, and starts that shift at once, in one command (both events
    /// name the dispatcher), so it takes bookings immediately. Nothing is stored when any rule refuses it.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> AddAdHocVehicleAsync(
        CallerIdentity caller, string vehicleId, LoadVector capacity, Geo.GeoPoint depot, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "AddAdHocVehicle", null, new { vehicleId, capacity, depot, until }, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<FleetVehicle>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers add vehicles."));
            var now = Now;
            if (until <= now)
                return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("until", $"The shift's end {until:HH:mm} UTC lies in the past (now {now:HH:mm} UTC)."));
            if (until > now + MaxAdHocShift)
                return CommandOutcome<FleetVehicle>.Rejected(DispatchError.Invalid("until", $"A shift lasts at most {MaxAdHocShift.TotalHours:0} h from now."));
            var registered = _fleet.Register(caller, new VehicleRegistration(vehicleId, capacity, depot, now, until));
            if (!registered.Result.IsSuccess) return registered;
            var started = registered.Result.Value!.StartShift();
            if (!started.IsSuccess) return CommandOutcome<FleetVehicle>.Rejected(started.Error!);
            // Like a shift start without a fix yet: the vehicle stands at its depot until it reports.
            var running = started.Value! with { LastPosition = depot, LastFixAt = now };
            string actor = ActorOf(caller);
            var events = new List<PendingEvent>(registered.Events.Count + 1);
            foreach (var e in registered.Events) events.Add(e with { Delta = e.Delta with { Actor = actor } });
            events.Add(new PendingEvent(EventTypes.ShiftStarted, "vehicle/" + vehicleId, new StateDelta(Vehicles: [running], Actor: actor)));
            return new(running, events, true);
        }, cancellationToken);

    /// <summary>
    /// Records that a dispatcher dealt with a computed alert (its id starts with <see cref="ComputedAlertPrefix"/>, built
    /// by the control room from what the alert is about): who, when and a note, stored as an
    /// <see cref="EventTypes.AlertAcknowledged"/> event like an engine alert's, and kept after the alert has passed.
    /// Acknowledging again returns the first acknowledgement unchanged.
    /// </summary>
    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeComputedAlertAsync(
        CallerIdentity caller, string alertId, string? note = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "AcknowledgeComputedAlert", null, new { alertId, note }, () =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return CommandOutcome<AlertAcknowledgement>.Rejected(new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers acknowledge alerts."));
            if (string.IsNullOrEmpty(alertId) || !alertId.StartsWith(ComputedAlertPrefix, StringComparison.Ordinal) || alertId.Length > 300
                || alertId.Length == ComputedAlertPrefix.Length || alertId.Any(char.IsControl))
                return CommandOutcome<AlertAcknowledgement>.Rejected(DispatchError.Invalid("alertId",
                    $"A computed alert's id starts with '{ComputedAlertPrefix}' and has at most 300 characters without control characters."));
            if (TextError("note", note, required: false) is { } bad) return CommandOutcome<AlertAcknowledgement>.Rejected(bad);
            if (_state.AlertAcks.TryGetValue(alertId, out var earlier)) return new(earlier, [], false);
            var ack = new AlertAcknowledgement(alertId, caller.Subject, Now, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            return new(ack, [new PendingEvent(EventTypes.AlertAcknowledged, "alert/" + alertId,
                new StateDelta(AlertAcks: [ack], Actor: ActorOf(caller)))], true);
        }, cancellationToken);

    /// <summary>The acknowledgements of computed alerts made at or after <paramref name="since"/>, oldest first (dispatchers only).</summary>
    public Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(
        CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers read alerts.");
            var list = new List<AlertAcknowledgement>();
            foreach (var (id, ack) in _state.AlertAcks)
                if (id.StartsWith(ComputedAlertPrefix, StringComparison.Ordinal) && ack.At >= since) list.Add(ack);
            list.Sort((a, b) => a.At.CompareTo(b.At));
            return DispatchResult<IReadOnlyList<AlertAcknowledgement>>.Ok(list);
        }, cancellationToken);
}
