namespace DemandMobility.Benchmarks.Restart;

/// <summary>A clock the generator moves forward fix by fix.</summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
