using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Learning;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;

namespace DemandMobility.Cluster.Engines;

/// <summary>
/// Every area's engine on the same road network and clock (one region's graph shared by all areas of a silo), with
/// the area's own rules (<see cref="DispatchOptions"/> per area, e.g. a longer maximum wait in a sparse area).
/// Ids come from an unseeded <see cref="Random"/> per activation, as in the single-process server, so an area
/// re-activated elsewhere never repeats an id it gave before. With <paramref name="learning"/> each engine plans on its
/// own area's learned travel times and feeds them with its vehicles' fixes (<see cref="DispatchEngine.Learning"/>; the
/// area's grain loads, runs and keeps them).
/// </summary>
public sealed class AreaEngineFactory(Func<ServiceAreaDefinition, DispatchOptions> rulesOf, ITravelTimeService travel, TimeProvider time,
    AreaLearningFactory? learning = null) : IAreaEngineFactory
{
    /// <summary>The same rules in every area.</summary>
    public AreaEngineFactory(DispatchOptions options, ITravelTimeService travel, TimeProvider time)
        : this(_ => options, travel, time)
    {
    }

    /// <inheritdoc />
    public async Task<DispatchEngine> OpenAsync(ServiceAreaDefinition area, IDispatchStore store, CancellationToken cancellationToken)
    {
        if (learning is null) return await DispatchEngine.OpenAsync(rulesOf(area), travel, store, time, new Random(), cancellationToken: cancellationToken).ConfigureAwait(false);
        var learned = learning.Create(area);
        var engine = await DispatchEngine.OpenAsync(rulesOf(area), learned.Travel, store, time, new Random(), cancellationToken: cancellationToken).ConfigureAwait(false);
        engine.UseLearning(learned);
        return engine;
    }
}
