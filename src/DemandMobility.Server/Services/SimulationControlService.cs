using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Engine;
using Grpc.Core;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Hosting;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Services;

/// <summary>
/// <c>SimulationControl</c>: the simulator moves the clock and triggers re-optimisation rounds. Registered only in
/// simulation mode (<see cref="SimulationHostExtensions.AddSimulationMode"/>); planners and dispatchers may call it.
/// </summary>
public sealed class SimulationControlService(DispatchEngine engine, SimulationClock clock, IOptions<SimulationOptions> options) : SimulationControl.SimulationControlBase
{

    /// <summary>Moves the clock forward; FAILED_PRECONDITION when the time is earlier than the clock.</summary>
    public override Task<SetClockResponse> SetClock(SetClockRequest request, ServerCallContext context)
    {
        var time = RequestValidation.Time(request.Time, "time");
        if (!clock.TrySet(time))
            throw RpcErrors.Precondition($"time: {time:O} is before the simulated clock {clock.GetUtcNow():O}; the clock only moves forward.");
        return Task.FromResult(new SetClockResponse { Time = ProtoMapping.ToTimestamp(clock.GetUtcNow()) });
    }

    /// <summary>One re-optimisation round with the configured iteration count.</summary>
    public override async Task<ReoptimiseResponse> Reoptimise(ReoptimiseRequest request, ServerCallContext context)
    {
        if (request.Iterations != 0 && request.Iterations != options.Value.Iterations)
            throw RpcErrors.Precondition($"iterations: the server was started with --Simulation:Iterations={options.Value.Iterations}, not {request.Iterations}.");
        var result = await engine.ReoptimiseAsync(context.CancellationToken).ConfigureAwait(false);
        return new ReoptimiseResponse { Adopted = result.Status == Dispatch.Views.ReoptimisationStatus.Adopted, Status = result.Status.ToString() };
    }

    /// <summary>The engine settings a simulation depends on.</summary>
    public override Task<SimulationConfig> GetConfig(GetSimulationConfigRequest request, ServerCallContext context)
    {
        var config = SimulationConfigMapping.ToProto(engine.Options, options.Value.Seed, options.Value.Iterations);
        config.Now = ProtoMapping.ToTimestamp(clock.GetUtcNow());
        return Task.FromResult(config);
    }

    /// <summary>The vehicle's plan with planned departures and entry windows.</summary>
    public override async Task<SimulationManifest> GetManifest(SimulationManifestRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string vehicleId = RequestValidation.VehicleId(request.VehicleId);
        var view = RpcErrors.Unwrap(await engine.GetManifestAsync(RpcCaller.Engine(caller), vehicleId, context.CancellationToken).ConfigureAwait(false));
        return SimulationManifestMapping.ToProto(view);
    }
}
