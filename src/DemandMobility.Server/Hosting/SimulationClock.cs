namespace DemandMobility.Server.Hosting;

/// <summary>
/// The server's clock in simulation mode: it stands still until <c>SimulationControl.SetClock</c> moves it, and it
/// never moves back (the engine's state, e.g. expired offers and passed stops, assumes time only advances).
/// </summary>
public sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    /// <summary>Moves the clock to <paramref name="time"/>; false (and unchanged) when that is earlier than now.</summary>
    public bool TrySet(DateTimeOffset time)
    {
        lock (_gate)
        {
            if (time < _now) return false;
            _now = time.ToUniversalTime();
            return true;
        }
    }
}
