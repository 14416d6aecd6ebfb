using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;

namespace DemandMobility.Cluster.Engines;

/// <summary>
/// Every area with the same rules, road network and clock (one region's graph shared by all areas of a silo).
/// Ids come from an unseeded <see cref="Random"/> per activation, as in the single-process server, so an area
/// re-activated elsewhere never repeats an id it gave before.
/// </summary>
public sealed class AreaEngineFactory(DispatchOptions options, ITravelTimeService travel, TimeProvider time) : IAreaEngineFactory
{
    /// <inheritdoc />
    public Task<DispatchEngine> OpenAsync(ServiceAreaDefinition area, IDispatchStore store, CancellationToken cancellationToken) =>
        DispatchEngine.OpenAsync(options, travel, store, time, new Random(), cancellationToken: cancellationToken);
}
