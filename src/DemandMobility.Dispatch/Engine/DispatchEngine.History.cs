using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    private const int PastNextStops = 3;

    /// <summary>The replay's checkpoints; tests set one with a short interval.</summary>
    internal ReplayCheckpoints ReplayCheckpoints { get; set; } = new();

    /// <summary>
    /// The state as it was at <paramref name="at"/> (the control room's replay): the event log folded in a fresh state
    /// up to the last event that occurred at or before <paramref name="at"/> (and, when given, with a sequence at most
    /// <paramref name="untilSequence"/>), checked by the same hash-chain verifier as a start. Read-only: it reads the
    /// store and never takes the engine's lock or changes its state, so the live engine runs on meanwhile (dispatchers only).
    /// </summary>
    /// <remarks>
    /// Folds keep checkpoints (<see cref="ReplayCheckpoints"/>: the folded state every few hundred events), and a fold
    /// starts from the latest checkpoint before the moment asked for, so after the first moves a slider move reads only
    /// the events since that checkpoint. The events before a checkpoint were checked when it was made; an event that
    /// does not continue the hash chain stops a fold with a <see cref="StoreIntegrityException"/>.
    /// </remarks>
    public async Task<DispatchResult<PastStateView>> GetStateAtAsync(
        CallerIdentity caller, DateTimeOffset at, long? untilSequence = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Dispatcher)
            return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers replay the event log.");
        if (untilSequence is < 0) return DispatchError.Invalid("sequence", "The sequence must not be negative.");
        long until = untilSequence ?? long.MaxValue;
        var past = new EngineState();
        var start = ReplayCheckpoints.Before(at, until);
        if (start is not null) past.Load(start.State);
        var verifier = start is null ? new EventLogVerifier(0, EventChain.Genesis) : new EventLogVerifier(start.Sequence, start.Checksum);
        long applied = start?.Sequence ?? 0;
        DateTimeOffset? lastAt = start?.LastAt;
        await foreach (var e in _store.ReadAsync(applied, cancellationToken).ConfigureAwait(false))
        {
            // Event times follow the log's order (the engine stamps them under its write lock), so the first later one ends the fold.
            if (e.OccurredAt > at || e.Sequence > until) break;
            verifier.Check(e);
            past.Apply(ReadDelta(e), e.OccurredAt);
            applied = e.Sequence;
            lastAt = e.OccurredAt;
            if (ReplayCheckpoints.Wants(applied))
                ReplayCheckpoints.Add(new ReplayCheckpoints.Checkpoint(applied, e.OccurredAt, verifier.LastChecksum, past.ToSnapshot()));
        }
        long logSequence = Math.Max(applied, Volatile.Read(ref _lastSequence));
        return DispatchResult<PastStateView>.Ok(ViewOfPast(past, at, applied, lastAt, logSequence));
    }

    private static PastStateView ViewOfPast(EngineState s, DateTimeOffset at, long sequence, DateTimeOffset? lastAt, long logSequence)
    {
        var vehicles = ImmutableArray.CreateBuilder<PastVehicleView>(s.VehicleOrder.Count);
        foreach (var id in s.VehicleOrder)
        {
            var v = s.Vehicles[id];
            var route = s.RouteOf(id);
            var next = ImmutableArray.CreateBuilder<PastStopView>();
            foreach (var stop in route)
            {
                if (next.Count == PastNextStops) break;
                var task = s.Tasks.GetValueOrDefault(stop.TaskId);
                bool pickup = stop.Kind == StopKind.Pickup;
                next.Add(new PastStopView(stop.TaskId, pickup, task is null ? null : pickup ? task.Pickup : task.Delivery, EngineClock.FromSeconds(stop.Arrival)));
            }
            vehicles.Add(new PastVehicleView(id, v.State, v.LastPosition, v.LastFixAt, v.ShiftEnd, route.Length, next.ToImmutable()));
        }
        var bookings = ImmutableArray.CreateBuilder<PastBookingView>(s.Bookings.Count);
        foreach (var b in s.Bookings.Values.OrderByDescending(b => b.CreatedAt).ThenBy(b => b.Id, StringComparer.Ordinal))
            bookings.Add(new PastBookingView(b.Id, b.RiderId, b.Status, b.VehicleId, b.Offer?.Pickup.Point, b.Offer?.Dropoff.Point,
                b.Offer?.PromisedPickupStart, b.Offer?.PromisedPickupEnd, b.CreatedAt));
        return new PastStateView(at, sequence, lastAt, logSequence, vehicles.MoveToImmutable(), bookings.MoveToImmutable(), [.. s.Alerts]);
    }
}
