namespace DemandMobility.Storage;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks plus the offset in minutes: exact to the tick and
/// keeps the original offset, which neither SQLite (no date type) nor PostgreSQL timestamptz (drops the
/// offset) would do on their own.
/// </summary>
internal static class StoredTime
{
    public static (long UtcTicks, int OffsetMinutes) Split(DateTimeOffset value) =>
        (value.UtcTicks, (int)value.Offset.TotalMinutes);

    public static DateTimeOffset Join(long utcTicks, int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        return new DateTimeOffset(utcTicks + offset.Ticks, offset);
    }
}
