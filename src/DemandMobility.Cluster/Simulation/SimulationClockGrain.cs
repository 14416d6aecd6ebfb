using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;

namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// The cluster's simulated time: stored in PostgreSQL (<see cref="ISimulationClockStore"/>) before it is pushed to
/// the areas, and read back on activation, so when the silo of this grain stops or dies the clock comes back on
/// another silo at the last time set (never at <see cref="ClusterSimulation.Start"/> again). Not reentrant, so two
/// <c>SetClock</c> calls through different silos are applied one after the other. Kept active for the whole run.
/// </summary>
[KeepAlive]
internal sealed class SimulationClockGrain(AreaClocks clocks, ServiceAreaMap areas, ISimulationClockStore store) : Grain, ISimulationClockGrain
{
    private DateTimeOffset _now = clocks.Simulation.Start.ToUniversalTime();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (clocks.IsSimulated && await store.ReadAsync(cancellationToken) is { } stored && stored > _now) _now = stored;
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<DateTimeOffset> GetAsync() => Task.FromResult(_now);

    public async Task<ClockMove> SetAsync(DateTimeOffset time)
    {
        if (!clocks.IsSimulated) throw new InvalidOperationException("The cluster is not in simulation mode.");
        if (time < _now) return new ClockMove(false, _now);
        // Stored first: an area pushed to the new time must never see the clock come back earlier after a failure.
        _now = await store.SaveAsync(time.ToUniversalTime(), CancellationToken.None);
        await Task.WhenAll(areas.Areas.Select(a => GrainFactory.GetGrain<IServiceAreaGrain>(a.Id).FollowClockAsync(_now)));
        return new ClockMove(true, _now);
    }
}
