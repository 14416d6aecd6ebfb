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

    /// <summary>
    /// The state as it was at <paramref name="at"/> (the control room's replay): a fresh fold of the event log from its
    /// start up to the last event that occurred at or before <paramref name="at"/> (and, when given, with a sequence at
    /// most <paramref name="untilSequence"/>), checked by the same hash-chain verifier as a start. Read-only: it reads the
    /// store and never takes the engine's lock or changes its state, so the live engine runs on meanwhile (dispatchers only).
    /// </summary>
    /// <remarks>
    /// It reads the log from the first event up to the moment every time (no snapshot is at a past moment), so it costs
    /// as much as reading that part of the log. An event that does not continue the hash chain stops it with a
    /// <see cref="StoreIntegrityException"/>.
    /// </remarks>
    public async Task<DispatchResult<PastStateView>> GetStateAtAsync(
        CallerIdentity caller, DateTimeOffset at, long? untilSequence = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != CallerRole.Dispatcher)
            return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers replay the event log.");
        if (untilSequence is < 0) return DispatchError.Invalid("sequence", "The sequence must not be negative.");
        var past = new EngineState();
        var verifier = new EventLogVerifier(0, EventChain.Genesis);
        long applied = 0;
        DateTimeOffset? lastAt = null;
        await foreach (var e in _store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            // Event times follow the log's order (the engine stamps them under its write lock), so the first later one ends the fold.
            if (e.OccurredAt > at || e.Sequence > (untilSequence ?? long.MaxValue)) break;
            verifier.Check(e);
            past.Apply(ReadDelta(e), e.OccurredAt);
            applied = e.Sequence;
            lastAt = e.OccurredAt;
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
