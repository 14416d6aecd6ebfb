namespace DemandMobility.Transit.Timetables;

/// <summary>
/// The compact, read-only timetable the searches run on: flat arrays of stops, routes, trips and their stop
/// times (grouped by trip, in stop order), service days as one bitset per service, footpaths between nearby
/// stops as adjacency arrays, and the elementary connections (one per consecutive pair of stop times) sorted
/// by departure for the Connection Scan Algorithm. Built once by <see cref="TimetableAssembly"/> from an import
/// or a hand-made table; the searches never see GTFS rows or strings. Times are seconds after the start of the
/// trip's service day (GTFS: noon minus 12 h, local time), so they may exceed 24 h.
/// </summary>
public sealed class Timetable
{
    internal Timetable(TimetableParts p, int[] footFirst, int[] footTarget, int[] footSeconds,
        int[] connStopTime, int[] connDep, int[] connArr, int[] connTrip)
    {
        Parts = p;
        FootFirst = footFirst; FootTarget = footTarget; FootSeconds = footSeconds;
        ConnStopTime = connStopTime; ConnDep = connDep; ConnArr = connArr; ConnTrip = connTrip;
        int max = 0;
        foreach (int t in p.StopTimeArrival) if (t > max) max = t;
        MaxTime = max;
        _stopIndex = new Dictionary<string, int>(p.StopIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < p.StopIds.Length; i++) _stopIndex.TryAdd(p.StopIds[i], i);
        _tripIndex = new Dictionary<string, int>(p.TripIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < p.TripIds.Length; i++) _tripIndex.TryAdd(p.TripIds[i], i);
    }

    private readonly Dictionary<string, int> _stopIndex;
    private readonly Dictionary<string, int> _tripIndex;

    /// <summary>The imported parts (stops, routes, trips, stop times, services, feed labels).</summary>
    internal TimetableParts Parts { get; }

    // Footpaths, compressed sparse rows by source stop (target stop and walking seconds).
    internal int[] FootFirst { get; }
    internal int[] FootTarget { get; }
    internal int[] FootSeconds { get; }

    // Connections sorted by departure: the departure stop time (arrival is the next stop time of the same trip).
    internal int[] ConnStopTime { get; }
    internal int[] ConnDep { get; }
    internal int[] ConnArr { get; }
    internal int[] ConnTrip { get; }

    private (int[] First, int[] Source, int[] Seconds)? _incoming;

    /// <summary>Footpaths by target stop (reverse adjacency), built on first use.</summary>
    internal (int[] First, int[] Source, int[] Seconds) IncomingFootpaths => _incoming ??= Reverse();

    private (int[], int[], int[]) Reverse()
    {
        int n = StopCount;
        var first = new int[n + 1];
        foreach (int t in FootTarget) first[t + 1]++;
        for (int i = 0; i < n; i++) first[i + 1] += first[i];
        var pos = (int[])first.Clone();
        var source = new int[FootTarget.Length];
        var secs = new int[FootTarget.Length];
        for (int s = 0; s < n; s++)
            for (int i = FootFirst[s]; i < FootFirst[s + 1]; i++)
            {
                int k = pos[FootTarget[i]]++;
                source[k] = s;
                secs[k] = FootSeconds[i];
            }
        return (first, source, secs);
    }

    /// <summary>Latest arrival time of any trip, seconds after its service day's start.</summary>
    public int MaxTime { get; }

    /// <summary>Feed publisher or name from feed_info.txt / the first agency.</summary>
    public string FeedName => Parts.FeedName;

    /// <summary>IANA time zone of the timetable (agency_timezone).</summary>
    public string TimeZone => Parts.TimeZone;

    /// <summary>Number of agencies.</summary>
    public int AgencyCount => Parts.AgencyIds.Length;

    /// <summary>Number of stops (all location types).</summary>
    public int StopCount => Parts.StopIds.Length;

    /// <summary>Number of routes.</summary>
    public int RouteCount => Parts.RouteIds.Length;

    /// <summary>Number of trips (frequency-based trips expanded).</summary>
    public int TripCount => Parts.TripIds.Length;

    /// <summary>Number of stop times.</summary>
    public int StopTimeCount => Parts.StopTimeStop.Length;

    /// <summary>Number of elementary connections.</summary>
    public int ConnectionCount => ConnDep.Length;

    /// <summary>Number of footpaths (directed).</summary>
    public int FootpathCount => FootTarget.Length;

    /// <summary>First service day covered by the calendar.</summary>
    public DateOnly FirstServiceDay => DateOnly.FromDayNumber(Parts.FirstDay);

    /// <summary>Number of calendar days covered (first to last service day).</summary>
    public int ServiceDayCount => Parts.DayCount;

    /// <summary>Number of days on which at least one trip runs.</summary>
    public int ActiveServiceDays()
    {
        int n = 0;
        for (int d = 0; d < Parts.DayCount; d++)
            for (int s = 0; s < Parts.ServiceIds.Length; s++)
                if (IsActive(s, d)) { n++; break; }
        return n;
    }

    /// <summary>Index of a stop id; -1 when unknown.</summary>
    public int StopIndex(string stopId) => _stopIndex.TryGetValue(stopId, out int i) ? i : -1;

    /// <summary>Index of a trip id; -1 when unknown.</summary>
    public int TripIndex(string tripId) => _tripIndex.TryGetValue(tripId, out int i) ? i : -1;

    /// <summary>A stop's id.</summary>
    public string StopId(int stop) => Parts.StopIds[stop];

    /// <summary>A stop's name.</summary>
    public string StopName(int stop) => Parts.StopNames[stop];

    /// <summary>A stop's latitude (degrees).</summary>
    public double StopLatitude(int stop) => Parts.StopLat[stop];

    /// <summary>A stop's longitude (degrees).</summary>
    public double StopLongitude(int stop) => Parts.StopLon[stop];

    /// <summary>A stop's parent station, -1 if none.</summary>
    public int StopParent(int stop) => Parts.StopParent[stop];

    /// <summary>Minimum time to change trips at the stop (seconds).</summary>
    public int MinChangeSeconds(int stop) => Parts.StopMinChange[stop];

    private Dictionary<int, int>? _sameStopTransfers;

    /// <summary>The minimum transfer time the feed gives for changing at this very stop (transfers.txt), or null.</summary>
    public int? FeedTransferSeconds(int stop)
    {
        if (_sameStopTransfers is null)
        {
            var d = new Dictionary<int, int>();
            for (int i = 0; i < Parts.TransferFrom.Length; i++)
                if (Parts.TransferFrom[i] == Parts.TransferTo[i] && Parts.TransferSeconds[i] >= 0) d[Parts.TransferFrom[i]] = Parts.TransferSeconds[i];
            _sameStopTransfers = d;
        }
        return _sameStopTransfers.TryGetValue(stop, out int s) ? s : null;
    }

    /// <summary>Whether a stop is boardable (location type 0, a stop or platform).</summary>
    public bool IsBoardable(int stop) => Parts.StopLocationType[stop] == 0;

    /// <summary>A trip's id.</summary>
    public string TripId(int trip) => Parts.TripIds[trip];

    /// <summary>A trip's headsign.</summary>
    public string TripHeadsign(int trip) => Parts.TripHeadsigns[trip];

    /// <summary>A trip's route.</summary>
    public int TripRoute(int trip) => Parts.TripRoute[trip];

    /// <summary>A route's id.</summary>
    public string RouteId(int route) => Parts.RouteIds[route];

    /// <summary>A route's short (or long) name.</summary>
    public string RouteName(int route) => Parts.RouteNames[route];

    /// <summary>A route's GTFS route_type (0 tram, 2 rail, 3 bus, 100–117 extended rail, 700–716 bus…).</summary>
    public int RouteType(int route) => Parts.RouteType[route];

    /// <summary>First stop-time index of a trip; the trip's stop times run to <see cref="TripEnd"/> (exclusive).</summary>
    public int TripStart(int trip) => Parts.TripFirst[trip];

    /// <summary>End (exclusive) of a trip's stop times.</summary>
    public int TripEnd(int trip) => Parts.TripFirst[trip + 1];

    /// <summary>Stop of a stop time.</summary>
    public int StopTimeStop(int stopTime) => Parts.StopTimeStop[stopTime];

    /// <summary>Arrival of a stop time (seconds after service-day start).</summary>
    public int StopTimeArrival(int stopTime) => Parts.StopTimeArrival[stopTime];

    /// <summary>Departure of a stop time.</summary>
    public int StopTimeDeparture(int stopTime) => Parts.StopTimeDeparture[stopTime];

    /// <summary>Whether riders may board at a stop time (pickup_type ≠ 1).</summary>
    public bool CanBoard(int stopTime) => (Parts.StopTimeFlags[stopTime] & StopTimeFlags.NoPickup) == 0;

    /// <summary>Whether riders may alight at a stop time (drop_off_type ≠ 1).</summary>
    public bool CanAlight(int stopTime) => (Parts.StopTimeFlags[stopTime] & StopTimeFlags.NoDropOff) == 0;

    /// <summary>Whether a trip's service runs on a day (day number, <see cref="DateOnly.DayNumber"/>).</summary>
    public bool Runs(int trip, int dayNumber)
    {
        int d = dayNumber - Parts.FirstDay;
        int service = Parts.TripService[trip];
        return service >= 0 && d >= 0 && d < Parts.DayCount && IsActive(service, d);
    }

    private bool IsActive(int service, int dayOffset)
    {
        int stride = (Parts.DayCount + 7) >> 3;
        return (Parts.ServiceDays[service * stride + (dayOffset >> 3)] & (1 << (dayOffset & 7))) != 0;
    }

    /// <summary>Footpaths leaving a stop: (target stop, walking seconds).</summary>
    public IEnumerable<(int Target, int Seconds)> Footpaths(int stop)
    {
        for (int i = FootFirst[stop]; i < FootFirst[stop + 1]; i++) yield return (FootTarget[i], FootSeconds[i]);
    }

    /// <summary>Boardable stops within <paramref name="metres"/> of a point (straight line), nearest first.</summary>
    public IReadOnlyList<(int Stop, double Metres)> StopsNear(double latitude, double longitude, double metres)
    {
        var found = new List<(int, double)>();
        for (int s = 0; s < StopCount; s++)
        {
            if (!IsBoardable(s)) continue;
            double d = Geo.Metres(latitude, longitude, Parts.StopLat[s], Parts.StopLon[s]);
            if (d <= metres) found.Add((s, d));
        }
        found.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        return found;
    }
}
