namespace DemandMobility.Cluster.Simulation;

/// <summary>Where the cluster's simulated clock is kept, so it survives the silo of its grain.</summary>
public interface ISimulationClockStore
{
    /// <summary>The stored time, or null before the first <see cref="SaveAsync"/>.</summary>
    Task<DateTimeOffset?> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="time"/> unless a later time is stored; returns the time stored after the call.</summary>
    Task<DateTimeOffset> SaveAsync(DateTimeOffset time, CancellationToken cancellationToken);
}
