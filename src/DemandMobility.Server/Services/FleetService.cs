using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DomainStopEventKind = DemandMobility.Dispatch.Domain.StopEventKind;
using Vehicle = DemandMobility.Contracts.V1.Vehicle;

namespace DemandMobility.Server.Services;

/// <summary>
/// <c>demandmobility.v1.FleetService</c>: vehicles, shifts, GPS fixes, manifests and stop events. Drivers act
/// only for the vehicle in their token (PERMISSION_DENIED otherwise); dispatchers for any vehicle. The
/// <see cref="Hosting.SimulationClock"/> is there only in simulation mode (<c>--Simulation:Enabled</c>).
/// </summary>
public sealed class FleetService(DispatchEngine engine, ManifestVersions versions, TimeProvider time, IHostApplicationLifetime lifetime, StreamQuota streams,
    Hosting.SimulationClock? simulation = null) : Contracts.V1.FleetService.FleetServiceBase
{
    private static readonly TimeSpan MaxShift = TimeSpan.FromHours(14);

    /// <summary>Registers a vehicle (dispatchers only); an existing id is ALREADY_EXISTS.</summary>
    [Authorize(Policy = Roles.Dispatcher)]
    public override async Task<Vehicle> RegisterVehicle(RegisterVehicleRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        if (request.Capacity is null) throw RpcErrors.Invalid("capacity", "is required.");
        var c = request.Capacity;
        var capacity = new LoadVector(
            RequestValidation.Range(c.Seats, 1, 60, "capacity.seats"),
            RequestValidation.Range(c.WheelchairPlaces, 0, 4, "capacity.wheelchair_places"),
            RequestValidation.Range(c.ParcelUnits, 0, 50, "capacity.parcel_units"),
            RequestValidation.Range(c.Luggage, 0, 10, "capacity.luggage"));
        var depot = RequestValidation.Point(request.Depot, "depot");
        if (engine.Options.ServiceArea is { } area && !area.Contains(depot))
            throw RpcErrors.Invalid("depot", $"{depot} lies outside the service area.");
        RequestValidation.MaxLength(request.DisplayName, 64, "display_name");
        DateTimeOffset start, end;
        if (request.Shift is null)
        {
            // Without a default shift the vehicle is planned from now for one maximal shift.
            start = time.GetUtcNow();
            end = start + MaxShift;
        }
        else
        {
            start = RequestValidation.Time(request.Shift.Start, "shift.start");
            end = RequestValidation.Time(request.Shift.End, "shift.end");
            if (end <= start) throw RpcErrors.Invalid("shift.end", "must be after shift.start.");
            if (end - start > MaxShift) throw RpcErrors.Invalid("shift.end", "a shift lasts at most 14 h.");
        }
        var vehicle = RpcErrors.Unwrap(await engine.RegisterVehicleAsync(RpcCaller.Engine(caller),
            new VehicleRegistration(id, capacity, depot, start, end,
                RequestValidation.OptionalServiceGroup(request.ServiceGroup, "service_group")), context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(vehicle, request.DisplayName);
    }

    /// <summary>Puts the vehicle in service.</summary>
    public override async Task<Vehicle> StartShift(StartShiftRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, id);
        if (request.PlannedEnd is not null && RequestValidation.Time(request.PlannedEnd, "planned_end") <= time.GetUtcNow())
            throw RpcErrors.Invalid("planned_end", "lies in the past; a shift that starts now ends later.");
        var vehicle = RpcErrors.Unwrap(await engine.StartShiftAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(vehicle);
    }

    /// <summary>Takes the vehicle out of service once nothing is planned for it.</summary>
    public override async Task<Vehicle> EndShift(EndShiftRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, id);
        var vehicle = RpcErrors.Unwrap(request.OutOfService
            ? await engine.TakeOutOfServiceAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false)
            : await engine.EndShiftAsync(RpcCaller.Engine(caller), id, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(vehicle);
    }

    /// <summary>
    /// Client stream of GPS fixes. Fixes for another vehicle end the call (PERMISSION_DENIED) and unknown
    /// vehicles NOT_FOUND; malformed fixes and those the engine finds implausible (far-future, older than the
    /// vehicle's last accepted fix from any stream, outside the service area, off the road network) are counted
    /// as rejected, and the summary still comes back.
    /// </summary>
    public override async Task<ReportPositionsSummary> ReportPositions(IAsyncStreamReader<PositionFix> fixes, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var identity = RpcCaller.Engine(caller);
        var summary = new ReportPositionsSummary();
        await foreach (var fix in fixes.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            string id = RequestValidation.VehicleId(fix.VehicleId);
            RpcCaller.RequireVehicle(caller, id);
            if (!StopEventMapping.WellFormed(fix, out var recordedAt))
            {
                summary.Rejected++;
                continue;
            }
            var result = await engine.ReportPositionAsync(identity, id, new Dispatch.Geo.GeoPoint(fix.Lat, fix.Lon), recordedAt,
                fix.HeadingDeg is >= 0 and < 360 ? fix.HeadingDeg : null, fix.SpeedMps, context.CancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                if (result.Error.Code is Dispatch.Results.DispatchErrorCode.NotFound or Dispatch.Results.DispatchErrorCode.PermissionDenied)
                    throw RpcErrors.From(result.Error);
                summary.Rejected++;
                continue;
            }
            summary.Accepted++;
            summary.LastRecordedAt = fix.RecordedAt;
        }
        return summary;
    }

    /// <summary>Streams the vehicle's manifest now and after every plan change.</summary>
    public override async Task WatchManifest(WatchManifestRequest request, IServerStreamWriter<Manifest> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, id);
        int maxStops = request.MaxStops == 0 ? 20 : RequestValidation.Range(request.MaxStops, 1, 50, "max_stops");
        using var slot = streams.Enter(caller, "WatchManifest");
        using var cts = ShutdownSignal.Link(context.CancellationToken, lifetime);
        var watch = RpcErrors.Unwrap(await engine.WatchManifestAsync(RpcCaller.Engine(caller), id, cts.Token).ConfigureAwait(false));
        try
        {
            await foreach (var view in watch.WithCancellation(cts.Token).ConfigureAwait(false))
                await responses.WriteAsync(ProtoMapping.ToProto(view, versions.VersionOf(view), maxStops), cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }

    /// <summary>
    /// Records a stop event (idempotent per vehicle and event id) and returns the manifest version. In simulation mode
    /// the event's <c>occurred_at</c> is the simulated time it happened: the clock moves forward to it first (as
    /// <c>SetClock</c> would; an earlier time leaves it), so the simulator needs no clock move per stop event. A live
    /// server stamps the event with its own clock (device clocks drift).
    /// </summary>
    public override async Task<StopEventResponse> ReportStopEvent(StopEventRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var (vehicleId, eventId, occurredAt) = StopEventMapping.Validate(request, caller);
        if (simulation is not null && occurredAt is { } at) simulation.TrySet(at);
        var identity = RpcCaller.Engine(caller);
        var manifest = RpcErrors.Unwrap(await engine.GetManifestAsync(identity, vehicleId, context.CancellationToken).ConfigureAwait(false));
        var kind = StopEventMapping.KindOf(request);
        string subject = StopEventMapping.SubjectOf(request, kind, stopId => StopEventMapping.SubjectAt(manifest, stopId));
        // The engine has no departure event: leaving a stop changes nothing in the plan, so it is acknowledged only.
        if (kind is { } k)
            RpcErrors.Unwrap(await engine.ReportStopEventAsync(identity, new StopEvent(vehicleId, k, subject), eventId, context.CancellationToken).ConfigureAwait(false));
        var after = RpcErrors.Unwrap(await engine.GetManifestAsync(identity, vehicleId, context.CancellationToken).ConfigureAwait(false));
        return new StopEventResponse { ManifestVersion = versions.VersionOf(after) };
    }
}
