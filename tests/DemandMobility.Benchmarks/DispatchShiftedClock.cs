namespace DemandMobility.Benchmarks;

/// <summary>
/// Real time moved to a chosen service day, so offers expire and the plan ages as in production while the
/// fleet's shifts and the bookings lie on a fixed weekday regardless of when the benchmark runs.
/// </summary>
internal sealed class DispatchShiftedClock(DateTimeOffset start) : TimeProvider
{
    private TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;

    /// <summary>Jumps ahead (the console benchmark's day-sized replay log: a minute of fixes per step).</summary>
    public void Advance(TimeSpan by) => _offset += by;
}
