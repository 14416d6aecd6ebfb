using System.Globalization;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Csv;

/// <summary>
/// Reads a demand file (see simulator/README.md "Demand file"): a header naming the columns, then one trip per line.
/// Required columns: request_time, earliest_pickup, latest_arrival, origin_lat, origin_lon, dest_lat, dest_lon,
/// passengers, wheelchair, kind; optional: parcel_units, deliver_by, group, id, max_ride_minutes. Blank lines and
/// lines starting with '#' are ignored. A bad row becomes a <see cref="DemandIssue"/> naming its line and field, or,
/// with <see cref="CsvErrorMode.Reject"/>, a <see cref="DemandFileException"/>.
/// </summary>
internal sealed class CsvDemandReader
{
    private static readonly string[] Required =
        ["request_time", "earliest_pickup", "latest_arrival", "origin_lat", "origin_lon", "dest_lat", "dest_lon", "passengers", "wheelchair", "kind"];

    private static readonly string[] Optional = ["parcel_units", "deliver_by", "group", "id", "max_ride_minutes"];

    private readonly string _displayName;
    private readonly string _fullPath;
    private readonly CsvErrorMode _onError;
    private readonly DateTimeOffset _dayStart;
    private readonly List<DemandIssue> _issues;
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);

    private CsvDemandReader(string displayName, string fullPath, CsvErrorMode onError, DateTimeOffset dayStart, List<DemandIssue> issues)
    {
        _displayName = displayName;
        _fullPath = fullPath;
        _onError = onError;
        _dayStart = dayStart;
        _issues = issues;
    }

    /// <summary>Reads the file's trips into <paramref name="trips"/>, bad rows into <paramref name="issues"/>.</summary>
    /// <exception cref="DemandFileException">The file is missing, has no usable header, or a row is bad in reject mode.</exception>
    public static void Read(CsvDemandSettings settings, DemandContext context, List<DemandTrip> trips, List<DemandIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(settings.Path))
            throw new DemandSettingsException(["demand.csv.path: no demand file given"]);
        string full = System.IO.Path.GetFullPath(settings.Path, context.BaseDirectory);
        if (!File.Exists(full))
            throw new DemandFileException(full, null, null, "demand file not found (demand.csv.path is relative to the scenario file)");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DemandFileException(full, null, null, "cannot read the demand file: " + e.Message, e);
        }
        new CsvDemandReader(settings.Path, full, settings.OnError, context.DayStart, issues).ReadLines(lines, trips);
    }

    /// <summary>Reads already loaded lines (tests); <paramref name="name"/> is the file name used in issues.</summary>
    internal static void ReadLines(string name, CsvErrorMode onError, DateTimeOffset dayStart, string[] lines, List<DemandTrip> trips, List<DemandIssue> issues) =>
        new CsvDemandReader(name, name, onError, dayStart, issues).ReadLines(lines, trips);

    private void ReadLines(string[] lines, List<DemandTrip> trips)
    {
        var fields = new List<string>();
        int headerLine = -1;
        for (int i = 0; i < lines.Length && headerLine < 0; i++)
        {
            if (IsSkippable(lines[i]))
                continue;
            headerLine = i;
            if (!CsvLineSplitter.TrySplit(lines[i].TrimStart('\uFEFF'), fields, out string? problem))
                throw new DemandFileException(_fullPath, i + 1, null, "header: " + problem);
            ReadHeader(fields, i + 1);
        }
        if (headerLine < 0)
            throw new DemandFileException(_fullPath, null, null, "the file is empty; a header line is required (" + string.Join(",", Required) + ")");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var row = new RowProblems();
        for (int i = headerLine + 1; i < lines.Length; i++)
        {
            if (IsSkippable(lines[i]))
                continue;
            int lineNo = i + 1;
            row.Clear();
            DemandTrip? trip = null;
            if (!CsvLineSplitter.TrySplit(lines[i], fields, out string? splitProblem))
                row.Add(null, splitProblem!);
            else if (fields.Count != _columns.Count)
                row.Add(null, string.Create(CultureInfo.InvariantCulture, $"{fields.Count} fields, the header has {_columns.Count}"));
            else
                trip = ParseRow(fields, lineNo, row);

            if (trip is not null && !ids.Add(trip.Id))
            {
                row.Add("id", $"\"{trip.Id}\" is used by an earlier row");
                trip = null;
            }
            if (row.Count > 0)
            {
                if (_onError == CsvErrorMode.Reject)
                    throw new DemandFileException(_fullPath, lineNo, row.FirstField, row.FirstProblem);
                _issues.Add(new DemandIssue(_displayName, lineNo, row.Describe() + " (row skipped)"));
                continue;
            }
            trips.Add(trip!);
        }
    }

    private static bool IsSkippable(string line) => string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#');

    private void ReadHeader(List<string> fields, int lineNo)
    {
        for (int c = 0; c < fields.Count; c++)
        {
            string name = fields[c].ToLowerInvariant();
            if (Array.IndexOf(Required, name) < 0 && Array.IndexOf(Optional, name) < 0)
                throw new DemandFileException(_fullPath, lineNo, fields[c], "unknown column; known: " + string.Join(", ", Required.Concat(Optional)));
            if (!_columns.TryAdd(name, c))
                throw new DemandFileException(_fullPath, lineNo, fields[c], "column given twice");
        }
        var missing = Required.Where(r => !_columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            throw new DemandFileException(_fullPath, lineNo, missing[0], "required column missing from the header (missing: " + string.Join(", ", missing) + ")");
    }

    private DemandTrip? ParseRow(List<string> f, int lineNo, RowProblems row)
    {
        string Field(string name) => _columns.TryGetValue(name, out int c) ? f[c] : "";

        var kind = ParseKind(Field("kind"), row);
        var request = ParseTime(Field("request_time"), "request_time", row, required: true);
        var earliest = ParseTime(Field("earliest_pickup"), "earliest_pickup", row, required: false);
        var latest = ParseTime(Field("latest_arrival"), "latest_arrival", row, required: false);
        var deliverBy = ParseTime(Field("deliver_by"), "deliver_by", row, required: false);
        var origin = ParsePoint(Field("origin_lat"), Field("origin_lon"), "origin", row);
        var dest = ParsePoint(Field("dest_lat"), Field("dest_lon"), "dest", row);
        int? passengersGiven = ParseInt(Field("passengers"), "passengers", row);
        int wheelchair = ParseWheelchair(Field("wheelchair"), row);
        int? unitsGiven = ParseInt(Field("parcel_units"), "parcel_units", row);
        int? maxRide = ParseInt(Field("max_ride_minutes"), "max_ride_minutes", row);
        int passengers = passengersGiven ?? 0;
        int units = unitsGiven ?? 0;
        string group = Field("group");
        string id = Field("id");
        if (id.Length == 0)
            id = "csv-" + lineNo.ToString("D5", CultureInfo.InvariantCulture);

        if (kind is TripKind.Passenger or TripKind.Pupil)
        {
            if (Field("passengers").Length == 0)
                row.Add("passengers", "missing; a " + KindName(kind.Value) + " needs at least 1");
            else if (passengersGiven is < 1)
                row.Add("passengers", "must be at least 1 for a " + KindName(kind.Value));
            if (Field("earliest_pickup").Length > 0 == Field("latest_arrival").Length > 0)
                row.Add("earliest_pickup", "give exactly one of earliest_pickup and latest_arrival");
            if (units != 0)
                row.Add("parcel_units", "only parcels carry units");
        }
        else if (kind == TripKind.Parcel)
        {
            if (passengers != 0)
                row.Add("passengers", "must be 0 or empty for a parcel");
            if (Field("parcel_units").Length == 0)
                row.Add("parcel_units", "missing; a parcel needs at least 1 unit");
            else if (unitsGiven is < 1)
                row.Add("parcel_units", "must be at least 1");
            if (Field("deliver_by").Length == 0)
                row.Add("deliver_by", "a parcel needs deliver_by");
            if (Field("latest_arrival").Length > 0)
                row.Add("latest_arrival", "not used for parcels (give deliver_by)");
        }
        if (request is { } r)
        {
            if (earliest is { } e && e < r)
                row.Add("earliest_pickup", "is before request_time");
            if (latest is { } l && l <= r)
                row.Add("latest_arrival", "is not after request_time");
            if (deliverBy is { } d && d <= (earliest ?? r))
                row.Add("deliver_by", "is not after the parcel is ready (earliest_pickup or request_time)");
        }
        if (wheelchair > 0 && kind != TripKind.Parcel && passengers > 0 && wheelchair > passengers)
            row.Add("wheelchair", "more wheelchair places than passengers");
        if (kind == TripKind.Parcel && wheelchair > 0)
            row.Add("wheelchair", "must be 0 or empty for a parcel");
        if (maxRide is < 1)
            row.Add("max_ride_minutes", "must be at least 1");

        if (row.Count > 0 || kind is null || request is null || origin is null || dest is null)
            return null;
        return new DemandTrip(id, request.Value, kind == TripKind.Parcel ? earliest ?? request : earliest, latest,
            origin.Value, dest.Value, Math.Max(0, passengers), wheelchair, kind.Value,
            ParcelUnits: units, DeliverBy: deliverBy, Group: group.Length == 0 ? null : group,
            MaxRideTime: maxRide is { } m ? TimeSpan.FromMinutes(m) : null, SourceLine: lineNo);
    }

    private static TripKind? ParseKind(string text, RowProblems row)
    {
        switch (text.ToLowerInvariant())
        {
            case "passenger" or "":
                return text.Length == 0 ? Missing() : TripKind.Passenger;
            case "pupil":
                return TripKind.Pupil;
            case "parcel":
                return TripKind.Parcel;
            default:
                row.Add("kind", $"unknown kind \"{text}\" (passenger, pupil or parcel)");
                return null;
        }

        TripKind? Missing()
        {
            row.Add("kind", "missing (passenger, pupil or parcel)");
            return null;
        }
    }

    private static string KindName(TripKind kind) => kind.ToString().ToLowerInvariant();

    private DateTimeOffset? ParseTime(string text, string field, RowProblems row, bool required)
    {
        if (text.Length == 0)
        {
            if (required)
                row.Add(field, "missing");
            return null;
        }
        if (DayTime.TryParse(text, out var offset))
            return _dayStart + offset;
        if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return iso;
        row.Add(field, $"\"{text}\" is neither HH:mm nor an ISO 8601 date-time");
        return null;
    }

    private static GeoPoint? ParsePoint(string latText, string lonText, string prefix, RowProblems row)
    {
        double? lat = ParseCoordinate(latText, prefix + "_lat", 90, row);
        double? lon = ParseCoordinate(lonText, prefix + "_lon", 180, row);
        return lat is null || lon is null ? null : new GeoPoint(lat.Value, lon.Value);
    }

    private static double? ParseCoordinate(string text, string field, double limit, RowProblems row)
    {
        if (text.Length == 0)
        {
            row.Add(field, "missing");
            return null;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            row.Add(field, $"\"{text}\" is not a number");
            return null;
        }
        if (Math.Abs(v) > limit)
        {
            row.Add(field, string.Create(CultureInfo.InvariantCulture, $"{v} is outside −{limit}…{limit}"));
            return null;
        }
        return v;
    }

    private static int? ParseInt(string text, string field, RowProblems row)
    {
        if (text.Length == 0)
            return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v))
            return v;
        row.Add(field, $"\"{text}\" is not a whole number");
        return null;
    }

    private static int ParseWheelchair(string text, RowProblems row)
    {
        switch (text.ToLowerInvariant())
        {
            case "" or "0" or "false" or "no":
                return 0;
            case "true" or "yes":
                return 1;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return n;
        row.Add("wheelchair", $"\"{text}\" is not a count or true/false");
        return 0;
    }

    /// <summary>The problems of one row, in the order found.</summary>
    private sealed class RowProblems
    {
        private readonly List<(string? Field, string Problem)> _items = [];

        public int Count => _items.Count;

        public string? FirstField => _items[0].Field;

        public string FirstProblem => _items[0].Problem;

        public void Clear() => _items.Clear();

        public void Add(string? field, string problem) => _items.Add((field, problem));

        public string Describe() => string.Join("; ", _items.Select(i => i.Field is null ? i.Problem : i.Field + ": " + i.Problem));
    }
}
