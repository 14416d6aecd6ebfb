using System.Collections.Concurrent;
using System.Globalization;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// The one time convention of every output file: ISO 8601 with the offset of the scenario's time zone at that
/// instant (region time, e.g. <c>2026-03-10T07:15:00+01:00</c>), so a CSV row reads as local clock time and still
/// names an exact instant; a day crossing a daylight-saving change switches offset where the region does.
/// </summary>
public static class OutputTime
{
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary><paramref name="t"/> in the run's region time (the scenario's zone, else the day start's offset).</summary>
    public static DateTimeOffset Local(DateTimeOffset t, SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var zone = run.TimeZone is { } id ? Zones.GetOrAdd(id, Find) : null;
        return zone is null ? t.ToOffset(run.DayStart.Offset) : TimeZoneInfo.ConvertTime(t, zone);
    }

    /// <summary>ISO 8601 with offset in the run's region time, whole seconds; "" for none.</summary>
    public static string Iso(DateTimeOffset? t, SimulationResult run) =>
        t is { } v ? Local(v, run).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : "";

    /// <summary>Local clock time "HH:mm" (or with seconds) in the run's region time; "–" for none.</summary>
    public static string Clock(DateTimeOffset? t, SimulationResult run, bool seconds = false) =>
        t is { } v ? Local(v, run).ToString(seconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture) : "–";

    private static TimeZoneInfo? Find(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }
}
