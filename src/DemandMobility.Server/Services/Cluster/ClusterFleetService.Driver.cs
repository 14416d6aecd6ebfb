using DemandMobility.Cluster.Grains;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using Grpc.Core;
using Vehicle = DemandMobility.Contracts.V1.Vehicle;

namespace DemandMobility.Server.Services.Cluster;

public sealed partial class ClusterFleetService
{
    /// <summary>At most this many fixes go to the areas in one round trip.</summary>
    internal const int MaxFixBatch = 100;

    /// <summary>Takes the vehicle out of service once nothing is planned for it (or at once, out_of_service).</summary>
    public override async Task<Vehicle> EndShift(EndShiftRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, id);
        var identity = RpcCaller.Engine(caller);
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.EndShiftAsync(identity, id, request.OutOfService)).ConfigureAwait(false));
    }

    /// <summary>
    /// Client stream of GPS fixes with the rules of <see cref="FleetService.ReportPositions"/>. The fixes that have
    /// already arrived when the next one is not yet there (at most <see cref="MaxFixBatch"/>) go as one batch per
    /// area, so a gateway relaying many vehicles costs one grain call per area and batch, and a single vehicle's
    /// fixes are applied as soon as they come.
    /// </summary>
    public override async Task<ReportPositionsSummary> ReportPositions(IAsyncStreamReader<PositionFix> fixes, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var identity = RpcCaller.Engine(caller);
        var summary = new ReportPositionsSummary();
        var batch = new List<(PositionReport Fix, Google.Protobuf.WellKnownTypes.Timestamp RecordedAt)>(MaxFixBatch);
        var next = fixes.MoveNext(context.CancellationToken);
        while (await next.ConfigureAwait(false))
        {
            var fix = fixes.Current;
            string id = RequestValidation.VehicleId(fix.VehicleId);
            RpcCaller.RequireVehicle(caller, id);
            if (StopEventMapping.WellFormed(fix, out var recordedAt))
                batch.Add((new PositionReport(id, new Dispatch.Geo.GeoPoint(fix.Lat, fix.Lon), recordedAt,
                    fix.HeadingDeg is >= 0 and < 360 ? fix.HeadingDeg : null, fix.SpeedMps), fix.RecordedAt));
            else
                summary.Rejected++;
            next = fixes.MoveNext(context.CancellationToken);
            if (batch.Count >= MaxFixBatch || (!next.IsCompleted && batch.Count > 0))
                await SendAsync(identity, batch, summary).ConfigureAwait(false);
        }
        if (batch.Count > 0) await SendAsync(identity, batch, summary).ConfigureAwait(false);
        return summary;
    }

    private async Task SendAsync(CallerIdentity identity, List<(PositionReport Fix, Google.Protobuf.WellKnownTypes.Timestamp RecordedAt)> batch,
        ReportPositionsSummary summary)
    {
        var reports = batch.Select(b => b.Fix).ToList();
        var result = await AreaCall.RunAsync(async () => DispatchResult<PositionBatchResult>.Ok(
            await router.ReportPositionsAsync(identity, reports).ConfigureAwait(false))).ConfigureAwait(false);
        summary.Accepted += result.Accepted;
        summary.Rejected += result.Rejected;
        if (result.LastAcceptedIndex >= 0) summary.LastRecordedAt = batch[result.LastAcceptedIndex].RecordedAt;
        batch.Clear();
        if (result.Stop is { } stop) throw RpcErrors.From(stop);
    }

    /// <summary>Streams the vehicle's manifest now and after every plan change, across moves of its area.</summary>
    public override async Task WatchManifest(WatchManifestRequest request, IServerStreamWriter<Manifest> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, id);
        int maxStops = request.MaxStops == 0 ? 20 : RequestValidation.Range(request.MaxStops, 1, 50, "max_stops");
        using var slot = streams.Enter(caller, "WatchManifest");
        var identity = RpcCaller.Engine(caller);
        await AreaWatch.RelayAsync(token => router.WatchManifestAsync(identity, id, token),
            (view, token) => responses.WriteAsync(ProtoMapping.ToProto(view, versions.VersionOf(view), maxStops), token),
            context, lifetime, time).ConfigureAwait(false);
    }

    /// <summary>Records a stop event (idempotent per vehicle and event id) in the vehicle's area and returns the manifest version.</summary>
    public override async Task<StopEventResponse> ReportStopEvent(StopEventRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var (vehicleId, eventId, occurredAt) = StopEventMapping.Validate(request, caller);
        var identity = RpcCaller.Engine(caller);
        var kind = StopEventMapping.KindOf(request);
        var manifest = await AreaCall.RunAsync(() => router.GetManifestAsync(identity, vehicleId)).ConfigureAwait(false);
        string subject = StopEventMapping.SubjectOf(request, kind, stopId => StopEventMapping.SubjectAt(manifest, stopId));
        if (kind is { } k)
            await AreaCall.RunAsync(() => router.ReportStopEventAsync(identity, new StopEvent(vehicleId, k, subject), eventId, occurredAt))
                .ConfigureAwait(false);
        var after = await AreaCall.RunAsync(() => router.GetManifestAsync(identity, vehicleId)).ConfigureAwait(false);
        return new StopEventResponse { ManifestVersion = versions.VersionOf(after) };
    }
}
