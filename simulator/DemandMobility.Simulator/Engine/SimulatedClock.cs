namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The simulated clock: a <see cref="TimeProvider"/> whose time only moves when the event loop sets it, so the
/// dispatch engine sees simulated time and a run is independent of how fast the machine is.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock to <paramref name="time"/>; never backwards (events are processed in time order).</summary>
    public void Set(DateTimeOffset time)
    {
        if (time.UtcTicks < Interlocked.Read(ref _utcTicks))
            throw new ArgumentOutOfRangeException(nameof(time), $"The simulated clock cannot go back from {GetUtcNow():O} to {time:O}.");
        Interlocked.Exchange(ref _utcTicks, time.UtcTicks);
    }
}
