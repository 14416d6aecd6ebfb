using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Simulation;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Cluster.Engines;

/// <summary>
/// Area engines of a cluster in simulation mode, configured as the single-process simulation server configures its
/// one engine (each area with its own rules): the area's simulated clock, a random source seeded from the run's seed and the area id (a stable
/// hash, so a rerun draws the same ids), and a solver stopped by the iteration count alone.
/// </summary>
public sealed class SimulatedAreaEngineFactory(Func<ServiceAreaDefinition, DispatchOptions> rulesOf, ITravelTimeService travel, AreaClocks clocks) : IAreaEngineFactory
{
    /// <summary>The rules the area's engine gets.</summary>
    public DispatchOptions OptionsOf(ServiceAreaDefinition area) => rulesOf(area);


    /// <inheritdoc />
    public Task<DispatchEngine> OpenAsync(ServiceAreaDefinition area, IDispatchStore store, CancellationToken cancellationToken)
    {
        var simulation = clocks.Simulation;
        int seed = AreaSeed(simulation.Seed, area.Id);
        // A time limit no round reaches, so the iteration count alone ends it (never wall time).
        var solver = new SolverOptions(TimeSpan.FromHours(1), simulation.Iterations, seed);
        return DispatchEngine.OpenAsync(rulesOf(area), travel, store, clocks.For(area.Id), new Random(seed), solverOptions: solver,
            cancellationToken: cancellationToken);
    }

    /// <summary>The run's seed combined with the area id by FNV-1a (string.GetHashCode differs per process).</summary>
    public static int AreaSeed(int seed, string areaId)
    {
        ArgumentNullException.ThrowIfNull(areaId);
        uint hash = 2166136261;
        foreach (char c in areaId) hash = (hash ^ c) * 16777619;
        return unchecked(seed ^ (int)hash);
    }
}
