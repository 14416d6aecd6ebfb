using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;

namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// Holds the cluster's simulated time in memory and pushes every move to all areas. Not reentrant, so two
/// <c>SetClock</c> calls through different silos are applied one after the other. Kept active for the whole run
/// (idle collection would lose the time); should its silo die, it comes back at <see cref="ClusterSimulation.Start"/>
/// and the next move sets every area again (area clocks never move back).
/// </summary>
[KeepAlive]
internal sealed class SimulationClockGrain(AreaClocks clocks, ServiceAreaMap areas) : Grain, ISimulationClockGrain
{
    private DateTimeOffset _now = clocks.Simulation.Start.ToUniversalTime();

    public Task<DateTimeOffset> GetAsync() => Task.FromResult(_now);

    public async Task<ClockMove> SetAsync(DateTimeOffset time)
    {
        if (!clocks.IsSimulated) throw new InvalidOperationException("The cluster is not in simulation mode.");
        if (time < _now) return new ClockMove(false, _now);
        _now = time.ToUniversalTime();
        await Task.WhenAll(areas.Areas.Select(a => GrainFactory.GetGrain<IServiceAreaGrain>(a.Id).FollowClockAsync(_now)));
        return new ClockMove(true, _now);
    }
}
