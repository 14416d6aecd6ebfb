using DemandMobility.Cluster.Simulation;
using DemandMobility.Dispatch.Views;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    private AreaClocks Clocks => ServiceProvider.GetRequiredService<AreaClocks>();

    /// <summary>True when the cluster runs a simulation: the simulator owns time and rounds.</summary>
    private bool IsSimulated => Clocks.IsSimulated;

    public Task<DateTimeOffset> FollowClockAsync(DateTimeOffset time)
    {
        RequireSimulation();
        return Task.FromResult(Clocks.Simulated(this.GetPrimaryKeyString()).Advance(time));
    }

    public Task<ReoptimisationResult> RunRoundAsync()
    {
        RequireSimulation();
        return Engine.ReoptimiseAsync();
    }

    /// <summary>
    /// Before the engine opens (and replays): the area's clock takes the cluster's time, so an area activated
    /// mid-run (first call, or moved to this silo) never runs behind the others.
    /// </summary>
    private async Task FollowClusterClockAsync()
    {
        if (!IsSimulated) return;
        var now = await GrainFactory.GetGrain<ISimulationClockGrain>(ISimulationClockGrain.Key).GetAsync();
        Clocks.Simulated(this.GetPrimaryKeyString()).Advance(now);
    }

    private void RequireSimulation()
    {
        if (!IsSimulated) throw new InvalidOperationException("The cluster is not in simulation mode.");
    }
}
