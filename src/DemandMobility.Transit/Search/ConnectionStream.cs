using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Search;

/// <summary>
/// The connections of several service days merged into one stream ordered by departure in the query's time
/// frame (seconds after midnight of the query date): a trip of service day D − k runs at its timetable times
/// minus k days. One cursor per service day over the sorted connection array; the cursor with the smallest
/// (or, descending, largest) shifted departure goes next. Connections whose trip does not run on the cursor's
/// service day are skipped, and so are trip instances that real-time data reports cancelled. Trip instances are keyed
/// trip × days + slot.
/// </summary>
internal struct ConnectionStream
{
    private readonly Timetable _tt;
    private readonly bool _descending;
    private readonly int[] _shift;
    private readonly int[] _day;
    private readonly int[] _pos;
    private readonly int _limit; // ascending: last departure taken; descending: first departure taken
    private readonly Realtime.DelayOverlay? _overlay;

    public ConnectionStream(Timetable tt, DateOnly date, int from, int to, bool descending, Realtime.DelayOverlay? overlay = null)
    {
        _tt = tt;
        _overlay = overlay is { TripCount: > 0 } ? overlay : null;
        _descending = descending;
        // Service day date + k runs at times [k days, k days + MaxTime]; take every k whose span meets [from, to].
        int lowest = (int)Math.Ceiling((from - (double)tt.MaxTime) / 86400), highest = (int)Math.Floor(to / 86400.0);
        int slots = Math.Max(1, highest - lowest + 1);
        Slots = slots;
        _shift = new int[slots];
        _day = new int[slots];
        _pos = new int[slots];
        for (int k = 0; k < slots; k++)
        {
            int offset = k + lowest;
            _shift[k] = offset * 86400;
            _day[k] = date.DayNumber + offset;
            _pos[k] = descending ? UpperBound(tt.ConnDep, to - _shift[k]) - 1 : LowerBound(tt.ConnDep, from - _shift[k]);
        }
        _limit = descending ? from : to;
    }

    /// <summary>Number of service-day slots (trip instance key = trip × Slots + slot).</summary>
    public int Slots { get; }

    /// <summary>Time shift of a slot (seconds).</summary>
    public readonly int Shift(int slot) => _shift[slot];

    /// <summary>Service date of a slot.</summary>
    public readonly DateOnly Day(int slot) => DateOnly.FromDayNumber(_day[slot]);

    /// <summary>Next connection in order within the bounds: its index and slot; false when none is left.</summary>
    public bool Next(out int connection, out int slot)
    {
        var dep = _tt.ConnDep;
        while (true)
        {
            int best = -1;
            long bestTime = 0;
            for (int k = 0; k < _pos.Length; k++)
            {
                int p = _pos[k];
                if (p < 0 || p >= dep.Length) continue;
                long t = (long)dep[p] + _shift[k];
                if (best < 0 || (_descending ? t > bestTime : t < bestTime)) { best = k; bestTime = t; }
            }
            connection = -1;
            slot = best;
            if (best < 0 || (_descending ? bestTime < _limit : bestTime > _limit)) return false;
            connection = _pos[best];
            _pos[best] += _descending ? -1 : 1;
            int trip = _tt.ConnTrip[connection];
            if (_tt.Runs(trip, _day[best]) && (_overlay is null || !_overlay.IsCancelled(trip, Day(best)))) return true;
        }
    }

    private static int LowerBound(int[] a, int value)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int UpperBound(int[] a, int value)
    {
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
