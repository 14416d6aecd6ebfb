namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// Reads calendar.txt (weekly patterns over a date range) and calendar_dates.txt (exception 1 adds a day,
/// 2 removes it) into one bitset of service days per service. At least one of the two files must exist.
/// </summary>
internal static class ServiceCalendarReader
{
    internal sealed record Calendar(string[] Ids, Dictionary<string, int> Index, int FirstDay, int DayCount, byte[] Bits);

    private readonly record struct Pattern(int Service, byte Weekdays, int Start, int End);

    private readonly record struct Exception(int Service, int Day, bool Added);

    public static Calendar Read(GtfsSource source)
    {
        var ids = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<Pattern>();
        var exceptions = new List<Exception>();
        bool any = false;
        using (var t = GtfsTable.Open(source, "calendar.txt"))
        {
            if (t is not null)
            {
                any = true;
                int cId = t.RequireColumn("service_id"), cStart = t.RequireColumn("start_date"), cEnd = t.RequireColumn("end_date");
                string[] dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
                var cDays = dayNames.Select(t.RequireColumn).ToArray();
                while (t.Read())
                {
                    string id = t.RequiredString(cId, "service_id");
                    if (index.ContainsKey(id)) throw t.Error("service_id", $"duplicate service_id '{id}' in calendar.txt");
                    byte mask = 0;
                    for (int d = 0; d < 7; d++)
                    {
                        int v = t.RequiredInt(cDays[d], dayNames[d]);
                        if (v is not (0 or 1)) throw t.Error(dayNames[d], $"{v} is not 0 or 1");
                        if (v == 1) mask |= (byte)(1 << d);
                    }
                    int start = t.Date(cStart, "start_date"), end = t.Date(cEnd, "end_date");
                    if (end < start) throw t.Error("end_date", "is before start_date");
                    index[id] = ids.Count;
                    patterns.Add(new Pattern(ids.Count, mask, start, end));
                    ids.Add(id);
                }
            }
        }
        using (var t = GtfsTable.Open(source, "calendar_dates.txt"))
        {
            if (t is not null)
            {
                any = true;
                int cId = t.RequireColumn("service_id"), cDate = t.RequireColumn("date"), cType = t.RequireColumn("exception_type");
                var lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
                while (t.Read())
                {
                    var idSpan = t.Required(cId, "service_id");
                    if (!lookup.TryGetValue(idSpan, out int service))
                    {
                        service = ids.Count;
                        string id = idSpan.ToString();
                        index[id] = service;
                        ids.Add(id);
                    }
                    int day = t.Date(cDate, "date");
                    int type = t.RequiredInt(cType, "exception_type");
                    if (type is not (1 or 2)) throw t.Error("exception_type", $"{type} is not 1 (added) or 2 (removed)");
                    exceptions.Add(new Exception(service, day, type == 1));
                }
            }
        }
        if (!any) throw new GtfsFormatException("calendar.txt", 0, null, "the feed has neither calendar.txt nor calendar_dates.txt");

        int first = int.MaxValue, last = int.MinValue;
        foreach (var p in patterns) { first = Math.Min(first, p.Start); last = Math.Max(last, p.End); }
        foreach (var e in exceptions) { first = Math.Min(first, e.Day); last = Math.Max(last, e.Day); }
        if (first > last) { first = 0; last = -1; }
        int dayCount = last - first + 1;
        if (dayCount > 3 * 366 * 2) throw new GtfsFormatException("calendar.txt", 0, null, $"the calendar spans {dayCount} days; more than six years is not supported");
        int stride = (dayCount + 7) >> 3;
        var bits = new byte[(long)stride * ids.Count];
        foreach (var p in patterns)
            for (int d = p.Start; d <= p.End; d++)
            {
                int weekday = ((int)DateOnly.FromDayNumber(d).DayOfWeek + 6) % 7; // Monday = 0
                if ((p.Weekdays & (1 << weekday)) != 0) Set(bits, p.Service * stride, d - first, true);
            }
        foreach (var e in exceptions) Set(bits, e.Service * stride, e.Day - first, e.Added);
        return new Calendar([.. ids], index, first, dayCount, bits);
    }

    private static void Set(byte[] bits, int offset, int day, bool on)
    {
        if (on) bits[offset + (day >> 3)] |= (byte)(1 << (day & 7));
        else bits[offset + (day >> 3)] &= (byte)~(1 << (day & 7));
    }
}
