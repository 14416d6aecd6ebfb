namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// One area's simulated clock on one silo: it stands still until the cluster clock moves it, and never moves back
/// (the engine's state, e.g. expired offers and passed stops, assumes time only advances).
/// </summary>
public sealed class SimulatedAreaClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Moves the clock forward to <paramref name="time"/>; an earlier time leaves it as it is.</summary>
    /// <returns>The clock after the call.</returns>
    public DateTimeOffset Advance(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (time > _now) _now = time.ToUniversalTime();
            return _now;
        }
    }
}
