using DemandMobility.Contracts.V1;
using DemandMobility.Rpc.Server;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Services;

/// <summary>Maps <c>SimulationControl</c> in simulation mode only; otherwise its methods stay UNIMPLEMENTED.</summary>
public static class SimulationEndpoints
{
    /// <summary>Maps the service when <c>Simulation:Enabled</c> is set.</summary>
    public static WebApplication MapSimulationControl(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SimulationOptions>>().Value.Enabled) return app;
        var control = new Lazy<SimulationControlService>(() => app.Services.GetRequiredService<SimulationControlService>(),
            LazyThreadSafetyMode.ExecutionAndPublication);
        app.MapRpcService(ServerServiceDefinition.CreateBuilder()
            .AddMethod(SimulationMethods.SetClock, (r, c) => control.Value.SetClock(r, c))
            .AddMethod(SimulationMethods.Reoptimise, (r, c) => control.Value.Reoptimise(r, c))
            .AddMethod(SimulationMethods.GetConfig, (r, c) => control.Value.GetConfig(r, c))
            .AddMethod(SimulationMethods.GetManifest, (r, c) => control.Value.GetManifest(r, c))
            .Build());
        return app;
    }
}
