using DemandMobility.Cluster.Simulation;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

public sealed partial class ServiceAreaRouter
{
    /// <summary>The cluster's simulated time.</summary>
    public Task<DateTimeOffset> GetSimulatedTimeAsync() =>
        grains.GetGrain<ISimulationClockGrain>(ISimulationClockGrain.Key).GetAsync();

    /// <summary>Moves the cluster's simulated clock, and every area with it; an earlier time is FailedPrecondition.</summary>
    public async Task<DispatchResult<DateTimeOffset>> SetSimulatedTimeAsync(DateTimeOffset time)
    {
        var move = await grains.GetGrain<ISimulationClockGrain>(ISimulationClockGrain.Key).SetAsync(time).ConfigureAwait(false);
        return move.Moved
            ? move.Now
            : new DispatchError(DispatchErrorCode.FailedPrecondition,
                $"time: {time:O} is before the simulated clock {move.Now:O}; the clock only moves forward.", "time");
    }

    /// <summary>One re-optimisation round in every area, all at once (each area's engine is its own).</summary>
    public async Task<IReadOnlyList<(string AreaId, ReoptimisationResult Result)>> RunRoundsAsync()
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var results = await Task.WhenAll(ids.Select(id => Area(id).RunRoundAsync())).ConfigureAwait(false);
        return [.. ids.Zip(results)];
    }
}
