using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Views;
using DemandMobility.Server.Configuration;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>SimulationControl</c> in cluster mode (<c>Simulation:Enabled=true</c> on every silo): the same validation and
/// mapping as <see cref="SimulationControlService"/>. The clock is the cluster's one simulated clock, which moves
/// every area's engine before answering; a round runs in every area; the manifest is routed by the area-scoped
/// vehicle id; <c>GetConfig</c> also lists the areas, so the simulator can scope its vehicle ids.
/// </summary>
public sealed class ClusterSimulationControlService(ServiceAreaRouter router, IAreaEngineFactory engines, IOptions<SimulationOptions> options)
    : SimulationControl.SimulationControlBase
{
    /// <summary>Moves the cluster clock and every area forward; FAILED_PRECONDITION when the time is earlier.</summary>
    public override async Task<SetClockResponse> SetClock(SetClockRequest request, ServerCallContext context)
    {
        var time = RequestValidation.Time(request.Time, "time");
        var now = await AreaCall.RunAsync(() => router.SetSimulatedTimeAsync(time)).ConfigureAwait(false);
        return new SetClockResponse { Time = ProtoMapping.ToTimestamp(now) };
    }

    /// <summary>
    /// One round in every area at once. <c>adopted</c> when any area adopted its round's plan; <c>status</c> lists
    /// each area's engine status (<c>east=Adopted,west=NotImproved</c>).
    /// </summary>
    public override async Task<ReoptimiseResponse> Reoptimise(ReoptimiseRequest request, ServerCallContext context)
    {
        if (request.Iterations != 0 && request.Iterations != options.Value.Iterations)
            throw RpcErrors.Precondition($"iterations: the server was started with --Simulation:Iterations={options.Value.Iterations}, not {request.Iterations}.");
        var rounds = await AreaCall.RunAsync(async () => Dispatch.Results.DispatchResult<IReadOnlyList<(string AreaId, ReoptimisationResult Result)>>
            .Ok(await router.RunRoundsAsync().ConfigureAwait(false))).ConfigureAwait(false);
        return new ReoptimiseResponse
        {
            Adopted = rounds.Any(r => r.Result.Status == ReoptimisationStatus.Adopted),
            Status = string.Join(",", rounds.Select(r => r.AreaId + "=" + r.Result.Status)),
        };
    }

    /// <summary>
    /// The engine settings (those of the first configured area: areas may differ by their <c>Rules</c>), the areas and
    /// the cluster clock.
    /// </summary>
    public override async Task<SimulationConfig> GetConfig(GetSimulationConfigRequest request, ServerCallContext context)
    {
        var factory = engines as SimulatedAreaEngineFactory
                      ?? throw new RpcException(new Status(StatusCode.Internal, "The cluster's engines are not built for simulation."));
        var config = SimulationConfigMapping.ToProto(factory.OptionsOf(router.Areas.Areas.First()), options.Value.Seed, options.Value.Iterations);
        foreach (var area in router.Areas.Areas)
        {
            var message = new SimulationServiceArea { Id = area.Id };
            foreach (var p in area.Boundary) message.Boundary.Add(ProtoMapping.ToProto(p));
            message.DestinationAreas.Add(area.DestinationAreas);
            config.Areas.Add(message);
        }
        var now = await AreaCall.RunAsync(async () => Dispatch.Results.DispatchResult<DateTimeOffset>.Ok(await router.GetSimulatedTimeAsync().ConfigureAwait(false)))
            .ConfigureAwait(false);
        config.Now = ProtoMapping.ToTimestamp(now);
        return config;
    }

    /// <summary>The vehicle's plan with planned departures and entry windows (area from the vehicle id).</summary>
    public override async Task<SimulationManifest> GetManifest(SimulationManifestRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string vehicleId = RequestValidation.VehicleId(request.VehicleId);
        var view = await AreaCall.RunAsync(() => router.GetManifestAsync(caller, vehicleId)).ConfigureAwait(false);
        return SimulationManifestMapping.ToProto(view);
    }
}
