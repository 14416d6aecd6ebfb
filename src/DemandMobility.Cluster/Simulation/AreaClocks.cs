using System.Collections.Concurrent;

namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// The clock each area's engine reads on this silo: the silo's own clock on a live cluster, in simulation mode one
/// <see cref="SimulatedAreaClock"/> per area, moved by the cluster clock (<see cref="ISimulationClockGrain"/>).
/// </summary>
public sealed class AreaClocks(ClusterSimulation simulation, TimeProvider wall)
{
    private readonly ConcurrentDictionary<string, SimulatedAreaClock> _simulated = new(StringComparer.Ordinal);

    /// <summary>The cluster's simulation settings.</summary>
    public ClusterSimulation Simulation => simulation;

    /// <summary>True in simulation mode.</summary>
    public bool IsSimulated => simulation.Enabled;

    /// <summary>The clock of <paramref name="areaId"/>'s engine.</summary>
    public TimeProvider For(string areaId) => IsSimulated ? Simulated(areaId) : wall;

    /// <summary>The simulated clock of <paramref name="areaId"/> (simulation mode only).</summary>
    public SimulatedAreaClock Simulated(string areaId)
    {
        if (!IsSimulated) throw new InvalidOperationException("The cluster is not in simulation mode.");
        return _simulated.GetOrAdd(areaId, _ => new SimulatedAreaClock(simulation.Start));
    }
}
