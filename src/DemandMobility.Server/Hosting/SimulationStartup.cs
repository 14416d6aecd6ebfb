using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Simulation mode's replacement for <see cref="EngineStartup"/>: opens the engine (replaying the store) when the host
/// starts, and registers no default fleet, because the simulator registers the scenario's vehicles itself.
/// </summary>
internal sealed class SimulationStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<DispatchEngine>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
