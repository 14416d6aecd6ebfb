using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>The calls of a cluster in simulation mode (<see cref="Simulation.ClusterSimulation"/>).</summary>
public partial interface IServiceAreaGrain
{
    /// <summary>Moves the area's simulated clock forward (never back); answers the area's time after the call.</summary>
    [Alias("FollowClock")]
    Task<DateTimeOffset> FollowClockAsync(DateTimeOffset time);

    /// <summary>One re-optimisation round of the area's engine (the simulator's round; no reminder runs one).</summary>
    [Alias("RunRound")]
    Task<ReoptimisationResult> RunRoundAsync();
}
