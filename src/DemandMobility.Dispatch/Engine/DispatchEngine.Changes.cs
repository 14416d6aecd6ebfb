using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// What changed since <paramref name="position"/> (a <see cref="StateChanges.Position"/> of an earlier answer; -1 to
    /// start), read under one read lock (dispatchers only). Lets a push feed refresh only the vehicles and bookings that
    /// changed instead of re-reading the whole state per change; the answer is incomplete when the engine no longer
    /// remembers that far back, and the reader then reads everything (after taking the position of this answer).
    /// </summary>
    public Task<DispatchResult<StateChanges>> GetChangesSinceAsync(CallerIdentity caller, long position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ReadAsync(() =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers follow the engine's changes.");
            var journal = _state.Journal!;
            var vehicleIds = new HashSet<string>(StringComparer.Ordinal);
            var bookingIds = new HashSet<string>(StringComparer.Ordinal);
            if (!journal.TryCollect(position, vehicleIds, bookingIds, out bool alerts, out bool kpis))
                return DispatchResult<StateChanges>.Ok(new StateChanges(journal.Position, Now, false, [], [], [], true, true));
            var vehicles = ImmutableArray.CreateBuilder<VehicleStatusView>(vehicleIds.Count);
            foreach (var id in vehicleIds)
            {
                if (!_state.Vehicles.TryGetValue(id, out var v)) continue;
                vehicles.Add(_forecast.StatusOf(v));
                // The forecasts of the bookings on its route move with the vehicle.
                foreach (var stop in _state.RouteOf(id)) bookingIds.Add(stop.TaskId);
            }
            var bookings = ImmutableArray.CreateBuilder<BookingView>(bookingIds.Count);
            var gone = ImmutableArray.CreateBuilder<string>();
            foreach (var id in bookingIds)
            {
                if (_state.Bookings.TryGetValue(id, out var b)) bookings.Add(_forecast.ViewOf(b));
                else if (!_state.Parcels.ContainsKey(id)) gone.Add(id);
            }
            return DispatchResult<StateChanges>.Ok(new StateChanges(journal.Position, Now, true,
                vehicles.ToImmutable(), bookings.ToImmutable(), gone.ToImmutable(), alerts, kpis));
        }, cancellationToken);
    }
}
