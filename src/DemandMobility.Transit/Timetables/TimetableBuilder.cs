using System.Globalization;
using DemandMobility.Transit.Gtfs;

namespace DemandMobility.Transit.Timetables;

/// <summary>
/// Builds a small timetable in code, for tests and examples: stops, trips written as
/// <c>"A 08:00, B 08:10/08:11, C 08:20"</c> (arrival/departure), footpaths and change times. Every trip runs
/// daily over <see cref="FirstDay"/> .. + <see cref="Days"/> unless given its own days.
/// </summary>
public sealed class TimetableBuilder
{
    private readonly List<(string Id, double Lat, double Lon, int Change)> _stops = [];
    private readonly Dictionary<string, int> _stopIndex = new(StringComparer.Ordinal);
    private readonly List<(string Id, string Route, int RouteType, List<(int Stop, int Arr, int Dep, byte Flags)> Times, int[]? Days)> _trips = [];
    private readonly List<(int From, int To, int Seconds)> _footpaths = [];

    /// <summary>First service day.</summary>
    public DateOnly FirstDay { get; init; } = new(2026, 12, 7);

    /// <summary>Number of service days.</summary>
    public int Days { get; init; } = 7;

    /// <summary>Default change time at a stop.</summary>
    public int DefaultChangeSeconds { get; init; } = 0;

    /// <summary>Adds a stop (ids must be unique).</summary>
    public TimetableBuilder Stop(string id, double lat = 50, double lon = 11, int? changeSeconds = null)
    {
        _stopIndex.Add(id, _stops.Count);
        // An explicit change time is what transfers.txt would say for the stop.
        if (changeSeconds is { } c) _footpaths.Add((_stops.Count, _stops.Count, c));
        _stops.Add((id, lat, lon, changeSeconds ?? DefaultChangeSeconds));
        return this;
    }

    /// <summary>Adds a trip from a drawn line of stops and times; stops must exist. A '*' after a time forbids boarding, '!' alighting.</summary>
    public TimetableBuilder Trip(string id, string line, string route = "R", int routeType = 3, params DateOnly[] days)
    {
        var times = new List<(int, int, int, byte)>();
        foreach (var part in line.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bits = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string t = bits[1];
            byte flags = 0;
            while (t.EndsWith('*') || t.EndsWith('!'))
            {
                flags |= t.EndsWith('*') ? StopTimeFlags.NoPickup : StopTimeFlags.NoDropOff;
                t = t[..^1];
            }
            var ad = t.Split('/');
            int arr = Parse(ad[0]), dep = ad.Length > 1 ? Parse(ad[1]) : arr;
            times.Add((_stopIndex[bits[0]], arr, dep, flags));
        }
        _trips.Add((id, route, routeType, times, days.Length == 0 ? null : days.Select(d => d.DayNumber).ToArray()));
        return this;
    }

    /// <summary>Adds a one-way footpath.</summary>
    public TimetableBuilder Footpath(string from, string to, int seconds)
    {
        _footpaths.Add((_stopIndex[from], _stopIndex[to], seconds));
        return this;
    }

    private static int Parse(string s)
    {
        if (s.Length == 5) s += ":00";
        if (!GtfsTime.TryParse(s, out int v)) throw new FormatException($"'{s}' is not a time");
        return v;
    }

    /// <summary>Builds the timetable (no derived footpaths: only those added).</summary>
    public Timetable Build()
    {
        var routes = _trips.Select(t => (t.Route, t.RouteType)).Distinct().ToList();
        int stride = (Days + 7) >> 3;
        var serviceIds = new List<string>();
        var bits = new List<byte>();
        var tripService = new int[_trips.Count];
        for (int i = 0; i < _trips.Count; i++)
        {
            var row = new byte[stride];
            for (int d = 0; d < Days; d++)
                if (_trips[i].Days is null || _trips[i].Days!.Contains(FirstDay.DayNumber + d)) row[d >> 3] |= (byte)(1 << (d & 7));
            tripService[i] = serviceIds.Count;
            serviceIds.Add("S" + i);
            bits.AddRange(row);
        }
        var first = new int[_trips.Count + 1];
        var stop = new List<int>(); var arr = new List<int>(); var dep = new List<int>(); var flags = new List<byte>();
        for (int i = 0; i < _trips.Count; i++)
        {
            first[i] = stop.Count;
            foreach (var (s, a, d, f) in _trips[i].Times) { stop.Add(s); arr.Add(a); dep.Add(d); flags.Add(f); }
        }
        first[_trips.Count] = stop.Count;
        var parts = new TimetableParts("test", "Europe/Berlin", ["A"], ["Test"],
            _stops.Select(s => s.Id).ToArray(), _stops.Select(s => s.Id).ToArray(), _stops.Select(s => s.Lat).ToArray(), _stops.Select(s => s.Lon).ToArray(),
            Enumerable.Repeat(-1, _stops.Count).ToArray(), new byte[_stops.Count], _stops.Select(s => s.Change).ToArray(),
            routes.Select(r => r.Route).ToArray(), routes.Select(r => r.Route).ToArray(), routes.Select(r => r.RouteType).ToArray(), new int[routes.Count],
            _trips.Select(t => t.Id).ToArray(), _trips.Select(_ => "").ToArray(), _trips.Select(t => routes.IndexOf((t.Route, t.RouteType))).ToArray(), tripService, first,
            [.. stop], [.. arr], [.. dep], [.. flags],
            [.. serviceIds], FirstDay.DayNumber, Days, [.. bits],
            _footpaths.Select(f => f.From).ToArray(), _footpaths.Select(f => f.To).ToArray(), _footpaths.Select(f => f.Seconds).ToArray(), _footpaths.Select(_ => (byte)2).ToArray());
        return TimetableAssembly.Build(parts, new FootpathOptions(MaxMetres: 0));
    }

    /// <summary>Seconds of a drawn time "HH:MM" or "HH:MM:SS".</summary>
    public static int Time(string s) => Parse(s);
}
