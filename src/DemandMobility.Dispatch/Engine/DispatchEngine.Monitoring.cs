using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{

    /// <summary>The driver's current list of next stops with boarding and alighting lists.</summary>
    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            var v = _rules.VehicleFor(caller, vehicleId);
            return v.IsSuccess ? DispatchResult<ManifestView>.Ok(_forecast.ManifestOf(v.Value, int.MaxValue)) : v.Error;
        }, cancellationToken);

    /// <summary>The manifest now and after every change of the vehicle's plan, until cancelled.</summary>
    public async Task<DispatchResult<IAsyncEnumerable<ManifestView>>> WatchManifestAsync(
        CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default)
    {
        var first = await GetManifestAsync(caller, vehicleId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<ManifestView>>.Ok(
            WatchChanges(() => _forecast.ManifestOf(_state.Vehicles[vehicleId], int.MaxValue), cancellationToken));
    }

    /// <summary>Positions, loads, next stops and delays of the whole fleet (dispatchers only).</summary>
    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        ReadAsync(() => caller.Role == CallerRole.Dispatcher
            ? DispatchResult<FleetView>.Ok(_forecast.FleetNow())
            : new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers watch the fleet."), cancellationToken);

    /// <summary>The fleet view now and after every change, until cancelled (dispatchers only).</summary>
    public async Task<DispatchResult<IAsyncEnumerable<FleetView>>> WatchFleetAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        var first = await GetFleetAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<FleetView>>.Ok(WatchChanges(_forecast.FleetNow, cancellationToken, ignoreTime: true));
    }

    /// <summary>Service KPIs since the log began (dispatchers only).</summary>
    public Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        GetKpisAsync(caller, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, cancellationToken);

    /// <summary>
    /// Service KPIs of the events whose time lies in [<paramref name="from"/>, <paramref name="to"/>)
    /// (dispatchers only): counts, mean and 95th-percentile wait, mean ride, detour factor, punctuality, km.
    /// </summary>
    public Task<DispatchResult<KpiReport>> GetKpisAsync(
        CallerIdentity caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            if (caller.Role != CallerRole.Dispatcher)
                return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers read KPIs.");
            if (to <= from) return DispatchError.Invalid("to", "The period must end after it starts.");
            return DispatchResult<KpiReport>.Ok(KpiCalculator.Compute(_state.KpiLedger, from, to, _options.PromiseWindow.TotalSeconds));
        }, cancellationToken);

    /// <summary>Yields the view now and again whenever it differs after a state change.</summary>
    private async IAsyncEnumerable<T> WatchChanges<T>(Func<T> read, [EnumeratorCancellation] CancellationToken cancellationToken, bool ignoreTime = false)
        where T : class
    {
        string? last = null;
        while (true)
        {
            long seen = _changes.Version;
            var view = await ReadAsync(read, cancellationToken).ConfigureAwait(false);
            // Views hold arrays, whose equality is by reference; compare their serialised form instead.
            object compared = view is FleetView f && ignoreTime ? f with { At = default } : view;
            string json = JsonSerializer.Serialize(compared, compared.GetType(), EventJson.Options);
            if (json != last)
            {
                last = json;
                yield return view;
            }
            await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }
}
