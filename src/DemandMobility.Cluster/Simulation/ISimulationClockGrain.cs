using Orleans.Concurrency;

namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// The cluster's one simulated clock (key 0): setting it pushes the time to every configured area's grain, on
/// whatever silo it lives, before answering; an area activated later reads it before opening its engine.
/// </summary>
[Alias("DemandMobility.Cluster.ISimulationClockGrain")]
public interface ISimulationClockGrain : IGrainWithIntegerKey
{
    /// <summary>The grain key of the one clock.</summary>
    public const long Key = 0;

    /// <summary>
    /// The clock now. Interleaves with <see cref="SetAsync"/>: an area activated by the push reads the time while
    /// the push waits for it (the time is set before the push starts).
    /// </summary>
    [Alias("Get"), AlwaysInterleave]
    Task<DateTimeOffset> GetAsync();

    /// <summary>
    /// Moves the clock to <paramref name="time"/> and every area with it; an earlier time is refused
    /// (<see cref="ClockMove.Moved"/> false) and changes nothing.
    /// </summary>
    [Alias("Set")]
    Task<ClockMove> SetAsync(DateTimeOffset time);
}
