using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
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
}
