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
    private const int FleetViewNextStops = 3;

    /// <summary>Planned times closer than this are the same instant (floating-point sums of travel and service times).</summary>
    private const double SameInstantSeconds = 1e-3;

    /// <summary>The driver's current list of next stops with boarding and alighting lists.</summary>
    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            var v = VehicleFor(caller, vehicleId);
            return v.IsSuccess ? DispatchResult<ManifestView>.Ok(ManifestOf(v.Value, int.MaxValue)) : v.Error;
        }, cancellationToken);

    /// <summary>The manifest now and after every change of the vehicle's plan, until cancelled.</summary>
    public async Task<DispatchResult<IAsyncEnumerable<ManifestView>>> WatchManifestAsync(
        CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default)
    {
        var first = await GetManifestAsync(caller, vehicleId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<ManifestView>>.Ok(
            WatchChanges(() => ManifestOf(_state.Vehicles[vehicleId], int.MaxValue), cancellationToken));
    }

    /// <summary>Positions, loads, next stops and delays of the whole fleet (dispatchers only).</summary>
    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken = default) =>
        ReadAsync(() => caller.Role == CallerRole.Dispatcher
            ? DispatchResult<FleetView>.Ok(FleetNow())
            : new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers watch the fleet."), cancellationToken);

    /// <summary>The fleet view now and after every change, until cancelled (dispatchers only).</summary>
    public async Task<DispatchResult<IAsyncEnumerable<FleetView>>> WatchFleetAsync(CallerIdentity caller, CancellationToken cancellationToken = default)
    {
        var first = await GetFleetAsync(caller, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<FleetView>>.Ok(WatchChanges(FleetNow, cancellationToken, ignoreTime: true));
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

    private FleetView FleetNow()
    {
        var list = ImmutableArray.CreateBuilder<VehicleStatusView>(_state.VehicleOrder.Count);
        foreach (var id in _state.VehicleOrder)
        {
            var v = _state.Vehicles[id];
            var manifest = ManifestOf(v, FleetViewNextStops);
            double delay = 0;
            foreach (var s in LiveRoute(v, EngineClock.ToSeconds(Now))) delay = Math.Max(delay, Lateness(s));
            list.Add(new VehicleStatusView(id, v.State, v.LastPosition, v.LastFixAt, LoadOnBoard(id), v.Capacity, manifest.Stops, delay));
        }
        return new FleetView(Now, list.MoveToImmutable());
    }

    /// <summary>The stop's name: a fixed stop's configured name, else the namer's (reverse geocoding, in memory).</summary>
    private string? StopNameAt(GeoPoint point)
    {
        foreach (var s in _options.FixedStops)
            if (s.Point == point) return s.Name;
        return _options.StopNames?.NameOf(point);
    }

    private double Lateness(PlannedStop s)
    {
        var t = _state.Tasks[s.TaskId];
        return Math.Max(0, s.Arrival - (s.Kind == StopKind.Pickup ? t.PickupWindow.Latest : t.DeliveryWindow.Latest));
    }

    /// <summary>
    /// Groups consecutive route stops at the same point into one manifest stop (drop-offs, then boardings), unless a
    /// drop-off follows a pickup there or a pickup is planned after a wait: that one opens the next stop, so the
    /// manifest keeps the planned order and times.
    /// </summary>
    private ManifestView ManifestOf(FleetVehicle v, int maxStops)
    {
        var stops = ImmutableArray.CreateBuilder<ManifestStop>();
        var route = LiveRoute(v, EngineClock.ToSeconds(Now));
        int i = 0;
        while (i < route.Length && stops.Count < maxStops)
        {
            var first = _state.Tasks[route[i].TaskId];
            var point = route[i].Kind == StopKind.Pickup ? first.Pickup : first.Delivery;
            var board = ImmutableArray.CreateBuilder<ManifestEntry>();
            var alight = ImmutableArray.CreateBuilder<ManifestEntry>();
            double arrival = route[i].Arrival, departure = route[i].Departure, delay = 0, boardingStart = double.NaN;
            for (; i < route.Length; i++)
            {
                var s = route[i];
                var t = _state.Tasks[s.TaskId];
                var p = s.Kind == StopKind.Pickup ? t.Pickup : t.Delivery;
                // A drop-off planned after a pickup at the same point starts a new stop: a manifest stop is served
                // drop-offs first, and serving this one before the pickup would start the pickup later than planned.
                if (p != point || (s.Kind == StopKind.Delivery && board.Count > 0)) break;
                // A pickup planned after a wait (its window opens later, or the plan delays it to keep a rider on board
                // within the ride limit) starts a new stop too: a manifest stop is served in one go, so grouping it
                // would board that rider early and count the ride from then.
                if (s.Kind == StopKind.Pickup && board.Count + alight.Count > 0 && s.ServiceStart > departure + SameInstantSeconds) break;
                var window = s.Kind == StopKind.Pickup ? t.PickupWindow : t.DeliveryWindow;
                string owner = t.Kind == RequestKind.Parcel
                    ? _state.Parcels.TryGetValue(t.Id, out var parcel) ? parcel.ShopId : ""
                    : _state.Bookings.TryGetValue(t.Id, out var booking) ? booking.RiderId : "";
                var entry = new ManifestEntry(t.Id, t.Kind == RequestKind.Parcel, owner, t.Load,
                    double.IsFinite(window.Earliest) ? EngineClock.FromSeconds(window.Earliest) : null,
                    double.IsFinite(window.Latest) ? EngineClock.FromSeconds(window.Latest) : null,
                    t.Kind != RequestKind.Parcel && _state.Bookings.TryGetValue(t.Id, out var rider) ? TravellerOf(rider) : null);
                (s.Kind == StopKind.Pickup ? board : alight).Add(entry);
                if (s.Kind == StopKind.Pickup && double.IsNaN(boardingStart)) boardingStart = s.ServiceStart;
                departure = s.Departure;
                delay = Math.Max(delay, Lateness(s));
            }
            stops.Add(new ManifestStop(point, EngineClock.FromSeconds(arrival), EngineClock.FromSeconds(departure), delay,
                board.ToImmutable(), alight.ToImmutable(), StopNameAt(point))
            {
                BoardingStart = double.IsNaN(boardingStart) ? null : EngineClock.FromSeconds(boardingStart),
            });
        }
        return new ManifestView(v.Id, v.State, stops.ToImmutable());
    }
}
