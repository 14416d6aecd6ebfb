using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

/// <summary>Driver, rider and dispatcher calls: routed by the area-scoped id, or fanned out to every area.</summary>
public sealed partial class ServiceAreaRouter
{
    /// <summary>Ends a shift (or takes the vehicle out of service), area from the vehicle id.</summary>
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(CallerIdentity caller, string vehicleId, bool outOfService) =>
        RouteAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).EndShiftAsync(Localise(caller), local, outOfService), Scope);

    /// <summary>
    /// GPS fixes (area-scoped vehicle ids), one batch per area sent in parallel; each area applies its fixes in order.
    /// Indices in the result are those of <paramref name="fixes"/>; the first refusal that ends the stream wins.
    /// </summary>
    public async Task<PositionBatchResult> ReportPositionsAsync(CallerIdentity caller, IReadOnlyList<PositionReport> fixes)
    {
        var batches = new Dictionary<string, (List<int> Index, ImmutableArray<PositionReport>.Builder Fixes)>(StringComparer.Ordinal);
        for (int i = 0; i < fixes.Count; i++)
        {
            if (!AreaScopedId.TryParse(fixes[i].VehicleId, out var areaId, out var local))
                return new PositionBatchResult(0, 0, -1, DispatchError.Invalid("vehicleId", $"Vehicle id '{fixes[i].VehicleId}' does not name a service area ('area.id')."));
            if (areas.Find(areaId) is null) return new PositionBatchResult(0, 0, -1, DispatchError.NotFound("Vehicle", fixes[i].VehicleId));
            if (!batches.TryGetValue(areaId, out var batch)) batches[areaId] = batch = ([], ImmutableArray.CreateBuilder<PositionReport>());
            batch.Index.Add(i);
            batch.Fixes.Add(fixes[i] with { VehicleId = local });
        }
        var driver = Localise(caller);
        var sent = batches.Select(async b => (b.Value.Index, Result: await Area(b.Key).ReportPositionsAsync(driver, b.Value.Fixes.ToImmutable()).ConfigureAwait(false)));
        int accepted = 0, rejected = 0, last = -1;
        DispatchError? stop = null;
        foreach (var (index, result) in await Task.WhenAll(sent).ConfigureAwait(false))
        {
            accepted += result.Accepted;
            rejected += result.Rejected;
            if (result.LastAcceptedIndex >= 0) last = Math.Max(last, index[result.LastAcceptedIndex]);
            stop ??= result.Stop;
        }
        return new PositionBatchResult(accepted, rejected, last, stop);
    }

    /// <summary>The vehicle's manifest with area-scoped ids.</summary>
    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId) =>
        RouteAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).GetManifestAsync(Localise(caller), local), Scope);

    /// <summary>
    /// A stop event of a vehicle; its booking or parcel (area-scoped, or empty) must belong to the vehicle's area.
    /// <paramref name="occurredAt"/>: the time the client reported (see <c>IServiceAreaGrain.ReportStopEventAsync</c>).
    /// </summary>
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(CallerIdentity caller, StopEvent stopEvent, string? idempotencyKey,
        DateTimeOffset? occurredAt)
    {
        return RouteAsync("vehicleId", "Vehicle", stopEvent.VehicleId, async (area, local) =>
        {
            string subject = "";
            if (stopEvent.SubjectId.Length > 0)
            {
                if (!AreaScopedId.TryParse(stopEvent.SubjectId, out var subjectArea, out var localSubject) || subjectArea != area)
                    return DispatchError.Invalid("subjectId", $"'{stopEvent.SubjectId}' is not a booking or parcel of service area '{area}'.");
                subject = localSubject;
            }
            return await Area(area).ReportStopEventAsync(Localise(caller), stopEvent with { VehicleId = local, SubjectId = subject }, idempotencyKey, occurredAt)
                .ConfigureAwait(false);
        }, (area, r) => r with
        {
            Event = r.Event with { VehicleId = AreaScopedId.Compose(area, r.Event.VehicleId), SubjectId = ScopeOrEmpty(area, r.Event.SubjectId) },
            Booking = r.Booking is null ? null : Scope(area, r.Booking),
            Parcel = r.Parcel is null ? null : Scope(area, r.Parcel),
        });
    }

    /// <summary>The manifest now and after every change, area-scoped; a refusal is the only element; fails when the area moves.</summary>
    public IAsyncEnumerable<DispatchResult<ManifestView>> WatchManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken = default) =>
        WatchAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).WatchManifestAsync(Localise(caller), local), Scope, cancellationToken);

    /// <summary>A confirmed booking (area from its id), as <see cref="GetBookingAsync"/> but never an offer.</summary>
    public Task<DispatchResult<BookingView>> GetConfirmedBookingAsync(CallerIdentity caller, string bookingId) =>
        RouteAsync("bookingId", "Booking", bookingId, (area, local) => Area(area).GetConfirmedBookingAsync(Localise(caller), local), Scope);

    /// <summary>A confirmed booking now and after every change until it ends; fails when the area moves.</summary>
    public IAsyncEnumerable<DispatchResult<BookingView>> WatchBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default) =>
        WatchAsync("bookingId", "Booking", bookingId, (area, local) => Area(area).WatchBookingAsync(Localise(caller), local), Scope, cancellationToken);

    /// <summary>A parcel goes to the area of its pickup place, like a trip to the area of its origin.</summary>
    public async Task<DispatchResult<Parcel>> SubmitParcelAsync(CallerIdentity caller, ParcelRequest request, string? idempotencyKey = null)
    {
        var from = Locate(request.From, "from");
        if (!from.IsSuccess) return from.Error;
        var to = Locate(request.To, "to");
        if (!to.IsSuccess) return to.Error;
        var area = from.Value.Area;
        if (!ServiceAreaMap.AllowsDestination(area, to.Value.Area.Id))
            return DispatchError.Invalid("to", $"A parcel picked up in service area '{area.Id}' cannot be delivered in area '{to.Value.Area.Id}'.");
        var result = await Area(area.Id).SubmitParcelAsync(Localise(caller), request with { From = from.Value.Local, To = to.Value.Local }, idempotencyKey).ConfigureAwait(false);
        return result.IsSuccess ? Scope(area.Id, result.Value) : result;
    }

    /// <summary>Cancels a parcel before pickup (area from its id).</summary>
    public Task<DispatchResult<Parcel>> CancelParcelAsync(CallerIdentity caller, string parcelId) =>
        RouteAsync("parcelId", "Parcel", parcelId, (area, local) => Area(area).CancelParcelAsync(Localise(caller), local), Scope);

    /// <summary>A parcel with its planned times (area from its id).</summary>
    public Task<DispatchResult<ParcelView>> GetParcelAsync(CallerIdentity caller, string parcelId) =>
        RouteAsync("parcelId", "Parcel", parcelId, (area, local) => Area(area).GetParcelAsync(Localise(caller), local),
            (area, v) => v with { Parcel = Scope(area, v.Parcel) });

    /// <summary>Key figures of every area for [from, to), combined (<see cref="KpiReportAggregation"/>).</summary>
    public async Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to)
    {
        var results = await Task.WhenAll(areas.Areas.Select(a => Area(a.Id).GetKpisAsync(Localise(caller), from, to))).ConfigureAwait(false);
        foreach (var r in results)
            if (!r.IsSuccess) return r.Error;
        return KpiReportAggregation.Combine([.. results.Select(r => r.Value!)]);
    }

    /// <summary>The fleet of a single area now and after every change, area-scoped (dispatchers only).</summary>
    public IAsyncEnumerable<DispatchResult<FleetView>> WatchAreaFleetAsync(CallerIdentity caller, string areaId, CancellationToken cancellationToken = default) =>
        WatchOpenAsync(areaId, Area(areaId).WatchFleetAsync(Localise(caller)), Scope, cancellationToken);

    /// <summary>
    /// The whole region's fleet: every area's fleet stream merged, each element the latest view of every area that
    /// has answered, vehicles area-scoped. A refusal from any area is the only element; when any area's stream
    /// fails (it moved) the merged stream fails too and the caller reconnects.
    /// </summary>
    public async IAsyncEnumerable<DispatchResult<FleetView>> WatchFleetAsync(CallerIdentity caller, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var merged = Channel.CreateUnbounded<(string Area, DispatchResult<FleetView> View)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = ids.Select(id => Task.Run(async () =>
        {
            await foreach (var view in WatchAreaFleetAsync(caller, id, stop.Token).ConfigureAwait(false))
                await merged.Writer.WriteAsync((id, view), stop.Token).ConfigureAwait(false);
        }, stop.Token)).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(t => merged.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);
        var latest = new Dictionary<string, FleetView>(StringComparer.Ordinal);
        try
        {
            await foreach (var (area, view) in merged.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!view.IsSuccess)
                {
                    yield return view.Error;
                    yield break;
                }
                latest[area] = view.Value;
                yield return new FleetView(latest.Values.Max(v => v.At), [.. ids.Where(latest.ContainsKey).SelectMany(id => latest[id].Vehicles)]);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private IAsyncEnumerable<DispatchResult<T>> WatchAsync<T>(string field, string what, string scopedId,
        Func<string, string, IAsyncEnumerable<DispatchResult<T>>> open, Func<string, T, T> scope, CancellationToken cancellationToken)
    {
        if (!AreaScopedId.TryParse(scopedId, out var areaId, out var local))
            return One<T>(DispatchError.Invalid(field, $"{what} id '{scopedId}' does not name a service area ('area.id')."));
        if (areas.Find(areaId) is null) return One<T>(DispatchError.NotFound(what, scopedId));
        return WatchOpenAsync(areaId, open(areaId, local), scope, cancellationToken);
    }

    private static async IAsyncEnumerable<DispatchResult<T>> WatchOpenAsync<T>(string areaId, IAsyncEnumerable<DispatchResult<T>> views,
        Func<string, T, T> scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var view in views.WithCancellation(cancellationToken).ConfigureAwait(false))
            yield return view.IsSuccess ? scope(areaId, view.Value) : view;
    }

#pragma warning disable CS1998 // A one-element stream needs no await.
    private static async IAsyncEnumerable<DispatchResult<T>> One<T>(DispatchError error)
    {
        yield return error;
    }
#pragma warning restore CS1998

    private static string ScopeOrEmpty(string area, string id) => id.Length == 0 ? id : AreaScopedId.Compose(area, id);

    private static FleetVehicle Scope(string area, FleetVehicle v) => v with { Id = AreaScopedId.Compose(area, v.Id) };

    private static BookingView Scope(string area, BookingView v) => v with { Booking = Scope(area, v.Booking) };

    private static Parcel Scope(string area, Parcel p) => p with
    {
        Id = AreaScopedId.Compose(area, p.Id),
        VehicleId = p.VehicleId is null ? null : AreaScopedId.Compose(area, p.VehicleId),
    };

    private static ManifestView Scope(string area, ManifestView m) => m with
    {
        VehicleId = AreaScopedId.Compose(area, m.VehicleId),
        Stops = [.. m.Stops.Select(s => Scope(area, s))],
    };

    private static ManifestStop Scope(string area, ManifestStop s) => s with
    {
        Board = [.. s.Board.Select(e => e with { SubjectId = AreaScopedId.Compose(area, e.SubjectId) })],
        Alight = [.. s.Alight.Select(e => e with { SubjectId = AreaScopedId.Compose(area, e.SubjectId) })],
    };

    private static FleetView Scope(string area, FleetView f) => f with
    {
        Vehicles = [.. f.Vehicles.Select(v => v with { VehicleId = AreaScopedId.Compose(area, v.VehicleId), NextStops = [.. v.NextStops.Select(s => Scope(area, s))] })],
    };
}
