namespace DemandMobility.Cluster.Simulation;

/// <summary>The answer of <see cref="ISimulationClockGrain.SetAsync"/>.</summary>
/// <param name="Moved">False when the time asked for was before the clock (it only moves forward).</param>
/// <param name="Now">The cluster clock after the call.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.ClockMove")]
public sealed record ClockMove([property: Id(0)] bool Moved, [property: Id(1)] DateTimeOffset Now);
