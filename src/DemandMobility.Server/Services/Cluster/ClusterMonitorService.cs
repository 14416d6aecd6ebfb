using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>MonitorService</c> in cluster mode: the fleet stream merges every area's fleet (vehicles area-scoped) and the
/// KPIs combine every area's (<see cref="Dispatch.Views.KpiReportAggregation"/>); resetting learned travel times resets
/// every area's.
/// </summary>
public sealed class ClusterMonitorService(ServiceAreaRouter router, TimeProvider time, IHostApplicationLifetime lifetime, StreamQuota streams)
    : Contracts.V1.MonitorService.MonitorServiceBase
{
    /// <summary>
    /// A snapshot of every vehicle in service in the region (or of the requested ones), then an update for each
    /// vehicle whose state changed, at most one batch per second, as in the single-process server.
    /// </summary>
    public override async Task WatchFleet(WatchFleetRequest request, IServerStreamWriter<FleetUpdate> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var filter = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < request.VehicleIds.Count; i++) filter.Add(RequestValidation.VehicleId(request.VehicleIds[i], $"vehicle_ids[{i}]"));
        using var slot = streams.Enter(caller, "WatchFleet");
        var identity = RpcCaller.Engine(caller);
        var sent = new Dictionary<string, FleetUpdate>(StringComparer.Ordinal);
        DateTimeOffset lastBatch = DateTimeOffset.MinValue;
        await AreaWatch.RelayAsync(token => router.WatchFleetAsync(identity, token), async (fleet, token) =>
        {
            // The merged stream yields once per area change; the pause keeps the one-batch-per-second pace.
            var wait = lastBatch + FleetUpdateMapping.MinInterval - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, token).ConfigureAwait(false);
            lastBatch = time.GetUtcNow();
            foreach (var v in fleet.Vehicles)
            {
                bool wanted = filter.Count > 0 ? filter.Contains(v.VehicleId) : v.State == VehicleShiftState.OnShift;
                if (!wanted) continue;
                var update = FleetUpdateMapping.ToUpdate(v, fleet.At);
                if (sent.TryGetValue(v.VehicleId, out var previous) && previous.Equals(update)) continue;
                sent[v.VehicleId] = update;
                await responses.WriteAsync(update, token).ConfigureAwait(false);
            }
        }, context, lifetime, time).ConfigureAwait(false);
    }

    /// <summary>Key figures of every area's events in [from, to) (from &lt; to, at most 31 days), combined.</summary>
    public override async Task<Kpis> GetKpis(GetKpisRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var from = RequestValidation.Time(request.From, "from");
        var to = RequestValidation.Time(request.To, "to");
        if (to <= from) throw RpcErrors.Invalid("to", "must be after from.");
        if (to - from > TimeSpan.FromDays(31)) throw RpcErrors.Invalid("to", "the period may span at most 31 days.");
        var identity = RpcCaller.Engine(caller);
        return FleetUpdateMapping.ToProto(await AreaCall.RunAsync(() => router.GetKpisAsync(identity, from, to)).ConfigureAwait(false));
    }

    /// <summary>Forgets the learned travel times of every area (dispatchers); an area that does not learn is FAILED_PRECONDITION naming it.</summary>
    [Microsoft.AspNetCore.Authorization.Authorize(Policy = DemandMobility.Security.Roles.Dispatcher)]
    public override async Task<ResetLearnedTravelTimesResponse> ResetLearnedTravelTimes(ResetLearnedTravelTimesRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        await AreaCall.RunAsync(() => router.ResetLearnedTravelTimesAsync(caller)).ConfigureAwait(false);
        return new ResetLearnedTravelTimesResponse { ResetAt = ProtoMapping.ToTimestamp(time.GetUtcNow()) };
    }
}
