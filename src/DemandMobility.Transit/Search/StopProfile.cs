namespace DemandMobility.Transit.Search;

/// <summary>
/// The Pareto set of (departure from this stop, arrival at the destination) options of one stop during a
/// profile scan, kept sorted by departure descending with arrivals strictly descending, so the best option
/// for a given ready time is the last entry departing no earlier (binary search).
/// </summary>
internal sealed class StopProfile
{
    public readonly List<ProfileEntry> Entries = [];

    public static int Evaluate(StopProfile? p, int ready)
    {
        if (p is null) return int.MaxValue;
        var e = p.Entries;
        // Last index with Departure >= ready.
        int lo = 0, hi = e.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (e[mid].Departure >= ready) { found = mid; lo = mid + 1; } else hi = mid - 1;
        }
        return found < 0 ? int.MaxValue : e[found].Arrival;
    }

    public static void Add(ref StopProfile? p, int departure, int arrival)
    {
        p ??= new StopProfile();
        var e = p.Entries;
        if (Evaluate(p, departure) <= arrival) return; // dominated by an option leaving no earlier
        // Insert after all entries departing later (or at the same time), then drop those it dominates.
        int lo = 0, hi = e.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (e[mid].Departure >= departure) lo = mid + 1; else hi = mid;
        }
        int end = lo;
        while (end < e.Count && e[end].Arrival >= arrival) end++;
        // Entries departing at the same time with a worse arrival sit just before 'lo'.
        int start = lo;
        while (start > 0 && e[start - 1].Departure == departure) start--;
        e.RemoveRange(start, end - start);
        e.Insert(start, new ProfileEntry(departure, arrival));
    }
}
