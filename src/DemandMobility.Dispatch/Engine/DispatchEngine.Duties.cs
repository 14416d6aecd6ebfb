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
        RunThenRescueAsync(caller, "TakeOutOfService", vehicleId, () => _duties.TakeOutOfService(caller, vehicleId), cancellationToken);

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
            var result = await StoreOutcomeLockedAsync(_cpu.Measure(decide), Scope(caller, operation), null, null, cancellationToken).ConfigureAwait(false);
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
        if (_cpu.Measure(() => _duties.ReleaseUnstaffedDuties(now)) is { } released)
        {
            await CommitLockedAsync([released], null, cancellationToken).ConfigureAwait(false);
            stored++;
        }
        foreach (var task in _duties.Orphans())
        {
            await CommitLockedAsync([_cpu.Measure(() => _duties.Place(task, now))], null, cancellationToken).ConfigureAwait(false);
            stored++;
        }
        return stored;
    }

    /// <summary>Marks late and gives up missed pickups (see <see cref="DutyDecider.DuePickups"/>), one event each, under the writer lock.</summary>
    private async Task<int> LatePickupsLockedAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var due = _cpu.Measure(() => _duties.DuePickups(now));
        foreach (var (b, task) in due)
            await CommitLockedAsync([_duties.LatePickup(b, task, now)], null, cancellationToken).ConfigureAwait(false);
        return due.Count;
    }
}
