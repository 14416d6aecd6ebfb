using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// Imports a GTFS feed (GTFS Schedule reference: agency, stops with parent stations, routes, trips, stop_times,
/// calendar, calendar_dates, frequencies, transfers, feed_info) into a <see cref="Timetable"/>. Every file is
/// streamed record by record; ids become dense indices as they are read and stop times go straight into flat
/// arrays, so memory grows with the timetable, not with the text. Unknown files and columns are ignored. The
/// first problem aborts the import with a <see cref="GtfsFormatException"/> naming file, line and field;
/// nothing is returned half-built.
/// </summary>
public static class GtfsImporter
{
    /// <summary>Imports a feed from a zip archive or a folder.</summary>
    /// <exception cref="GtfsFormatException">The feed is missing a required file, column or value, or has a malformed one.</exception>
    public static Timetable Import(string path, GtfsImportOptions? options = null)
    {
        using var source = GtfsSource.Open(path);
        return Import(source, options);
    }

    /// <summary>Imports an opened feed.</summary>
    public static Timetable Import(GtfsSource source, GtfsImportOptions? options = null)
    {
        options ??= new GtfsImportOptions();
        var fp = options.FootpathsOrDefault;
        var agencies = ReadAgencies(source, out string timeZone);
        string feedName = ReadFeedName(source) ?? (agencies.Names.Count > 0 ? agencies.Names[0] : "");
        var stops = ReadStops(source, fp.DefaultChangeSeconds);
        var routes = ReadRoutes(source, agencies.Index);
        var calendar = ServiceCalendarReader.Read(source);
        var trips = ReadTrips(source, routes.Index, calendar.Index);
        var stopTimes = StopTimesReader.Read(source, trips, stops.Index);
        FrequencyExpander.Expand(source, trips, stopTimes);
        var transfers = ReadTransfers(source, stops);

        var parts = new TimetableParts(feedName, timeZone,
            [.. agencies.Ids], [.. agencies.Names],
            [.. stops.Ids], [.. stops.Names], [.. stops.Lat], [.. stops.Lon], [.. stops.Parent], [.. stops.LocationType], [.. stops.MinChange],
            [.. routes.Ids], [.. routes.Names], [.. routes.Type], [.. routes.Agency],
            stopTimes.TripIds, stopTimes.TripHeadsigns, stopTimes.TripRoute, stopTimes.TripService, stopTimes.TripFirst,
            stopTimes.Stop, stopTimes.Arrival, stopTimes.Departure, stopTimes.Flags,
            calendar.Ids, calendar.FirstDay, calendar.DayCount, calendar.Bits,
            [.. transfers.From], [.. transfers.To], [.. transfers.Seconds], [.. transfers.Type]);
        return TimetableAssembly.Build(parts, fp);
    }

    internal sealed record Agencies(List<string> Ids, List<string> Names, Dictionary<string, int> Index);

    private static Agencies ReadAgencies(GtfsSource source, out string timeZone)
    {
        using var t = GtfsTable.Require(source, "agency.txt");
        int cId = t.Column("agency_id"), cName = t.RequireColumn("agency_name"), cTz = t.RequireColumn("agency_timezone");
        var a = new Agencies([], [], new Dictionary<string, int>(StringComparer.Ordinal));
        timeZone = "";
        while (t.Read())
        {
            string id = t.OptionalString(cId);
            string name = t.RequiredString(cName, "agency_name");
            string tz = t.RequiredString(cTz, "agency_timezone");
            if (timeZone.Length == 0) timeZone = tz;
            else if (tz != timeZone) throw t.Error("agency_timezone", $"'{tz}' differs from the first agency's '{timeZone}'; all agencies must share one time zone");
            if (!a.Index.TryAdd(id, a.Ids.Count)) throw t.Error("agency_id", $"duplicate agency_id '{id}'");
            a.Ids.Add(id);
            a.Names.Add(name);
        }
        if (a.Ids.Count == 0) throw new GtfsFormatException("agency.txt", 0, null, "the file has no agency");
        return a;
    }

    private static string? ReadFeedName(GtfsSource source)
    {
        using var t = GtfsTable.Open(source, "feed_info.txt");
        if (t is null) return null;
        int c = t.Column("feed_publisher_name");
        return t.Read() ? t.OptionalString(c) : null;
    }

    internal sealed class Stops
    {
        public List<string> Ids = [], Names = [];
        public List<double> Lat = [], Lon = [];
        public List<int> Parent = [], MinChange = [];
        public List<byte> LocationType = [];
        public Dictionary<string, int> Index = new(StringComparer.Ordinal);
    }

    private static Stops ReadStops(GtfsSource source, int defaultChange)
    {
        using var t = GtfsTable.Require(source, "stops.txt");
        int cId = t.RequireColumn("stop_id"), cName = t.Column("stop_name"), cLat = t.Column("stop_lat"), cLon = t.Column("stop_lon");
        int cType = t.Column("location_type"), cParent = t.Column("parent_station");
        var s = new Stops();
        var parents = new List<(int Stop, string Parent, long Line)>();
        while (t.Read())
        {
            string id = t.RequiredString(cId, "stop_id");
            int type = t.Int(cType, "location_type", 0);
            if (type is < 0 or > 4) throw t.Error("location_type", $"{type} is not a location type (0–4)");
            double lat = t.Double(cLat, "stop_lat"), lon = t.Double(cLon, "stop_lon");
            // Stops, stations and entrances must be placed; generic nodes and boarding areas may inherit.
            if (type <= 2 && (double.IsNaN(lat) || double.IsNaN(lon)))
                throw t.Error(double.IsNaN(lat) ? "stop_lat" : "stop_lon", "required for stops, stations and entrances");
            if (!double.IsNaN(lat) && (lat is < -90 or > 90)) throw t.Error("stop_lat", $"{lat} is outside -90..90");
            if (!double.IsNaN(lon) && (lon is < -180 or > 180)) throw t.Error("stop_lon", $"{lon} is outside -180..180");
            if (!s.Index.TryAdd(id, s.Ids.Count)) throw t.Error("stop_id", $"duplicate stop_id '{id}'");
            string parent = t.OptionalString(cParent);
            if (parent.Length > 0) parents.Add((s.Ids.Count, parent, t.Line));
            else if (type is 2 or 3 or 4) throw t.Error("parent_station", $"required for location_type {type}");
            s.Ids.Add(id);
            s.Names.Add(t.OptionalString(cName));
            s.Lat.Add(lat);
            s.Lon.Add(lon);
            s.Parent.Add(-1);
            s.LocationType.Add((byte)type);
            s.MinChange.Add(defaultChange);
        }
        foreach (var (stop, parent, line) in parents)
        {
            if (!s.Index.TryGetValue(parent, out int p))
                throw new GtfsFormatException("stops.txt", line, "parent_station", $"unknown stop_id '{parent}'");
            s.Parent[stop] = p;
            if (double.IsNaN(s.Lat[stop])) { s.Lat[stop] = s.Lat[p]; s.Lon[stop] = s.Lon[p]; }
        }
        return s;
    }

    internal sealed class Routes
    {
        public List<string> Ids = [], Names = [];
        public List<int> Type = [], Agency = [];
        public Dictionary<string, int> Index = new(StringComparer.Ordinal);
    }

    private static Routes ReadRoutes(GtfsSource source, Dictionary<string, int> agencies)
    {
        using var t = GtfsTable.Require(source, "routes.txt");
        int cId = t.RequireColumn("route_id"), cAgency = t.Column("agency_id"), cShort = t.Column("route_short_name"),
            cLong = t.Column("route_long_name"), cType = t.RequireColumn("route_type");
        var r = new Routes();
        while (t.Read())
        {
            string id = t.RequiredString(cId, "route_id");
            string agency = t.OptionalString(cAgency);
            int a;
            if (agency.Length == 0)
            {
                if (agencies.Count > 1) throw t.Error("agency_id", "required when the feed has more than one agency");
                a = 0;
            }
            else if (!agencies.TryGetValue(agency, out a))
            {
                throw t.Error("agency_id", $"unknown agency_id '{agency}'");
            }
            string name = t.OptionalString(cShort);
            if (name.Length == 0) name = t.OptionalString(cLong);
            if (name.Length == 0) throw t.Error("route_short_name", "a route needs route_short_name or route_long_name");
            int type = t.RequiredInt(cType, "route_type");
            if (!r.Index.TryAdd(id, r.Ids.Count)) throw t.Error("route_id", $"duplicate route_id '{id}'");
            r.Ids.Add(id);
            r.Names.Add(name);
            r.Type.Add(type);
            r.Agency.Add(a);
        }
        return r;
    }

    internal sealed class Trips
    {
        public List<string> Ids = [], Headsigns = [];
        public List<int> Route = [], Service = [];
        public Dictionary<string, int> Index = new(StringComparer.Ordinal);
    }

    private static Trips ReadTrips(GtfsSource source, Dictionary<string, int> routes, Dictionary<string, int> services)
    {
        using var t = GtfsTable.Require(source, "trips.txt");
        int cRoute = t.RequireColumn("route_id"), cService = t.RequireColumn("service_id"), cId = t.RequireColumn("trip_id"), cHead = t.Column("trip_headsign");
        var r = new Trips();
        var routeLookup = routes.GetAlternateLookup<ReadOnlySpan<char>>();
        var serviceLookup = services.GetAlternateLookup<ReadOnlySpan<char>>();
        while (t.Read())
        {
            if (!routeLookup.TryGetValue(t.Required(cRoute, "route_id"), out int route))
                throw t.Error("route_id", $"unknown route_id '{t[cRoute]}'");
            // A service id that neither calendar file defines runs on no day (allowed, if useless).
            if (!serviceLookup.TryGetValue(t.Required(cService, "service_id"), out int service)) service = -1;
            string id = t.RequiredString(cId, "trip_id");
            if (!r.Index.TryAdd(id, r.Ids.Count)) throw t.Error("trip_id", $"duplicate trip_id '{id}'");
            r.Ids.Add(id);
            r.Headsigns.Add(t.OptionalString(cHead));
            r.Route.Add(route);
            r.Service.Add(service);
        }
        return r;
    }

    internal sealed class Transfers
    {
        public List<int> From = [], To = [], Seconds = [];
        public List<byte> Type = [];
    }

    private static Transfers ReadTransfers(GtfsSource source, Stops stops)
    {
        var r = new Transfers();
        using var t = GtfsTable.Open(source, "transfers.txt");
        if (t is null) return r;
        int cFrom = t.Column("from_stop_id"), cTo = t.Column("to_stop_id"), cType = t.RequireColumn("transfer_type"), cMin = t.Column("min_transfer_time");
        int cFromTrip = t.Column("from_trip_id"), cToTrip = t.Column("to_trip_id"), cFromRoute = t.Column("from_route_id"), cToRoute = t.Column("to_route_id");
        Dictionary<int, List<int>>? children = null;
        while (t.Read())
        {
            int type = t.Int(cType, "transfer_type", 0);
            if (type is < 0 or > 5) throw t.Error("transfer_type", $"{type} is not a transfer type (0–5)");
            // Trip- and route-specific transfers and in-seat transfers (4, 5) refine single connections; the
            // stop-level model here keeps only stop-to-stop rules.
            if (type >= 4 || !t[cFromTrip].IsEmpty || !t[cToTrip].IsEmpty || !t[cFromRoute].IsEmpty || !t[cToRoute].IsEmpty) continue;
            int from = StopOf(t, stops, cFrom, "from_stop_id"), to = StopOf(t, stops, cTo, "to_stop_id");
            int min = t.Int(cMin, "min_transfer_time", -1);
            if (type == 2 && min < 0) throw t.Error("min_transfer_time", "required for transfer_type 2");
            if (min < -1) throw t.Error("min_transfer_time", "must not be negative");
            if (type == 1) min = 0; // a timed transfer: the departing vehicle waits
            foreach (int a in Members(stops, from, ref children))
                foreach (int b in Members(stops, to, ref children))
                {
                    if (a == b && min >= 0) stops.MinChange[a] = min;
                    else if (a == b && type == 3) stops.MinChange[a] = int.MaxValue / 4;
                    r.From.Add(a); r.To.Add(b); r.Seconds.Add(min); r.Type.Add((byte)type);
                }
        }
        return r;
    }

    private static int StopOf(GtfsTable t, Stops stops, int column, string field)
    {
        string id = t.RequiredString(column, field);
        return stops.Index.TryGetValue(id, out int s) ? s : throw t.Error(field, $"unknown stop_id '{id}'");
    }

    /// <summary>A transfer given for a station applies to each of its stops (GTFS: from_stop_id may be a station).</summary>
    private static List<int> Members(Stops stops, int stop, ref Dictionary<int, List<int>>? children)
    {
        if (stops.LocationType[stop] != 1) return [stop];
        if (children is null)
        {
            children = [];
            for (int i = 0; i < stops.Ids.Count; i++)
            {
                if (stops.Parent[i] < 0 || stops.LocationType[i] != 0) continue;
                if (!children.TryGetValue(stops.Parent[i], out var list)) children[stops.Parent[i]] = list = [];
                list.Add(i);
            }
        }
        return children.TryGetValue(stop, out var members) ? members : [];
    }
}
