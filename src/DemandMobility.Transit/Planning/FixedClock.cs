namespace DemandMobility.Transit.Planning;

/// <summary>A clock standing at a set instant (planning ahead without waiting for real time).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The instant.</summary>
    public DateTimeOffset Now { get; set; } = now;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;
}
