using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Cluster.Engines;

/// <summary>Builds an area's engine over its store (the host decides rules, road network and clock).</summary>
public interface IAreaEngineFactory
{
    /// <summary>Opens the engine of <paramref name="area"/>, replaying <paramref name="store"/>.</summary>
    Task<DispatchEngine> OpenAsync(ServiceAreaDefinition area, IDispatchStore store, CancellationToken cancellationToken);
}
