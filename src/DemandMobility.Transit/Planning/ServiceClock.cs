namespace DemandMobility.Transit.Planning;

/// <summary>
/// Converts between instants and timetable times. GTFS measures a trip's times from "noon minus 12 h" of its
/// service day in the agency's time zone, which is midnight except on daylight-saving change days.
/// </summary>
public sealed class ServiceClock(TimeZoneInfo zone)
{
    /// <summary>The time zone.</summary>
    public TimeZoneInfo Zone => zone;

    /// <summary>A clock for an IANA zone id; UTC when the id is empty or unknown.</summary>
    public static ServiceClock For(string zoneId)
    {
        try
        {
            return new ServiceClock(string.IsNullOrEmpty(zoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneId));
        }
        catch (TimeZoneNotFoundException)
        {
            return new ServiceClock(TimeZoneInfo.Utc);
        }
    }

    /// <summary>The start (noon − 12 h) of a service day as an instant.</summary>
    public DateTimeOffset DayStart(DateOnly date)
    {
        var noon = date.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(noon, zone.GetUtcOffset(noon)).AddHours(-12);
    }

    /// <summary>An instant as (local service date, seconds after that day's start).</summary>
    public (DateOnly Date, int Seconds) ToService(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        return (date, (int)Math.Floor((instant - DayStart(date)).TotalSeconds));
    }

    /// <summary>Seconds after a service day's start as an instant.</summary>
    public DateTimeOffset ToInstant(DateOnly date, int seconds) => DayStart(date).AddSeconds(seconds);
}
