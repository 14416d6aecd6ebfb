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
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

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
                    var update = ToUpdate(v, fleet.At);
                    if (sent.TryGetValue(v.VehicleId, out var previous) && previous.Equals(update)) continue;
                    sent[v.VehicleId] = update;
                    await responses.WriteAsync(update, cts.Token).ConfigureAwait(false);
                }
                // Throttles the stream to at most one message per vehicle per second.
                await Task.Delay(MinInterval, time, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }

    private FleetUpdate ToUpdate(VehicleStatusView v, DateTimeOffset now)
    {
        var update = new FleetUpdate
        {
            Position = new VehiclePosition { VehicleId = v.VehicleId, HeadingDeg = -1 },
            Load = ProtoMapping.ToProto(v.Load),
            Delay = ProtoMapping.ToDuration(Math.Max(0, v.DelaySeconds)),
            Stale = v.FixAt is not { } fix || now - fix > StaleAfter,
        };
        if (v.Position is { } p) update.Position.Position = ProtoMapping.ToProto(p);
        if (v.FixAt is { } at) update.Position.RecordedAt = ProtoMapping.ToTimestamp(at);
        for (int i = 0; i < v.NextStops.Length && i < 5; i++)
        {
            var s = v.NextStops[i];
            update.NextStops.Add(new NextStop
            {
                StopId = ProtoMapping.StopIdOf(s.Point),
                PlannedArrival = ProtoMapping.ToTimestamp(s.PlannedArrival),
                Boarding = Count(s.Board),
                Alighting = Count(s.Alight),
            });
        }
        return update;
    }

    private static int Count(System.Collections.Immutable.ImmutableArray<ManifestEntry> entries)
    {
        int n = 0;
        foreach (var e in entries)
            if (!e.IsParcel) n += e.Load.Seats + e.Load.Wheelchairs;
        return n;
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
        return new Kpis
        {
            Served = k.Served,
            Rejected = k.Rejected,
            Cancelled = k.Cancelled,
            NoShows = k.NoShows,
            ParcelsDelivered = k.ParcelsDelivered + k.ParcelsDeliveredLate,
            MeanWait = ProtoMapping.ToDuration(k.AverageWaitSeconds),
            P95Wait = ProtoMapping.ToDuration(k.P95WaitSeconds),
            MeanDetourFactor = k.MeanDetourFactor,
            Punctuality = k.Punctuality,
            MeanRide = ProtoMapping.ToDuration(k.AverageRideSeconds),
            MeanOccupancy = k.Occupancy,
            EmptyKm = k.EmptyKm,
            TotalKm = k.VehicleKm,
        };
    }
}
