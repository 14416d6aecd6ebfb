namespace DemandMobility.Benchmarks;

/// <summary>
/// Real time moved to a chosen service day, so offers expire and the plan ages as in production while the
/// fleet's shifts and the bookings lie on a fixed weekday regardless of when the benchmark runs.
/// </summary>
internal sealed class DispatchShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;
}
