using DemandMobility.Server.Configuration;
using DemandMobility.Server.Security;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Services;

/// <summary>Maps <c>SimulationControl</c> in simulation mode only; otherwise its methods stay UNIMPLEMENTED.</summary>
public static class SimulationEndpoints
{
    /// <summary>Maps the service when <c>Simulation:Enabled</c> is set.</summary>
    public static WebApplication MapSimulationControl(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<SimulationOptions>>().Value.Enabled) return app;
        app.MapGrpcService<SimulationControlService>().RequireAuthorization(Policies.Simulation);
        return app;
    }
}
