using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary><c>demandmobility.v1.MonitorService</c>: the control room's live fleet view and KPIs (dispatchers, planners).</summary>
public sealed class MonitorService(DispatchEngine engine, TimeProvider time, IHostApplicationLifetime lifetime, StreamQuota streams) : Contracts.V1.MonitorService.MonitorServiceBase
{

    /// <summary>
    /// A snapshot of every vehicle in service (or of the requested ones), then an update for each vehicle whose
    /// state changed, at most one batch per second.
    /// </summary>
    public override async Task WatchFleet(WatchFleetRequest request, IServerStreamWriter<FleetUpdate> responses, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var filter = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < request.VehicleIds.Count; i++) filter.Add(RequestValidation.VehicleId(request.VehicleIds[i], $"vehicle_ids[{i}]"));
        using var slot = streams.Enter(caller, "WatchFleet");
        using var cts = ShutdownSignal.Link(context.CancellationToken, lifetime);
        var watch = RpcErrors.Unwrap(await engine.WatchFleetAsync(RpcCaller.Engine(caller), cts.Token).ConfigureAwait(false));
        var sent = new Dictionary<string, FleetUpdate>(StringComparer.Ordinal);
        try
        {
            await foreach (var fleet in watch.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                foreach (var v in fleet.Vehicles)
                {
                    bool wanted = filter.Count > 0 ? filter.Contains(v.VehicleId) : v.State == VehicleShiftState.OnShift;
                    if (!wanted) continue;
                    var update = FleetUpdateMapping.ToUpdate(v, fleet.At);
                    if (sent.TryGetValue(v.VehicleId, out var previous) && previous.Equals(update)) continue;
                    sent[v.VehicleId] = update;
                    await responses.WriteAsync(update, cts.Token).ConfigureAwait(false);
                }
                // Throttles the stream to at most one message per vehicle per second.
                await Task.Delay(FleetUpdateMapping.MinInterval, time, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }

    /// <summary>Forgets the travel times learned from the fleet (dispatchers only); the profile's times answer again.</summary>
    [Authorize(Policy = Roles.Dispatcher)]
    public override async Task<ResetLearnedTravelTimesResponse> ResetLearnedTravelTimes(ResetLearnedTravelTimesRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        RpcErrors.Unwrap(await engine.ResetLearnedTravelTimesAsync(RpcCaller.Engine(caller), context.CancellationToken).ConfigureAwait(false));
        return new ResetLearnedTravelTimesResponse { ResetAt = ProtoMapping.ToTimestamp(time.GetUtcNow()) };
    }

    /// <summary>Key figures of the events in [from, to) (from &lt; to, at most 31 days).</summary>
    public override async Task<Kpis> GetKpis(GetKpisRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var from = RequestValidation.Time(request.From, "from");
        var to = RequestValidation.Time(request.To, "to");
        if (to <= from) throw RpcErrors.Invalid("to", "must be after from.");
        if (to - from > TimeSpan.FromDays(31)) throw RpcErrors.Invalid("to", "the period may span at most 31 days.");
        var k = RpcErrors.Unwrap(await engine.GetKpisAsync(RpcCaller.Engine(caller), from, to, context.CancellationToken).ConfigureAwait(false));
        return FleetUpdateMapping.ToProto(k);
    }
}
