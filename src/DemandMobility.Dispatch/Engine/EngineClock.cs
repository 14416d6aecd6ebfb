namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Converts between wall-clock times and the optimiser's clock (seconds since a fixed epoch). A fixed
/// epoch, not "now", so that times stored in the event log mean the same after a restart; 2025-01-01 keeps
/// the values small enough that doubles stay exact to well below a microsecond.
/// </summary>
internal static class EngineClock
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static double ToSeconds(DateTimeOffset t) => (t.UtcTicks - Epoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;

    public static DateTimeOffset FromSeconds(double s) => new(Epoch.UtcTicks + (long)Math.Round(s * TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
