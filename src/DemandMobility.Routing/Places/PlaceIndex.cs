using DemandMobility.Routing.Geometry;

namespace DemandMobility.Routing.Places;

/// <summary>
/// A compact, read-only index of the named places of a region (localities, bus stops, POIs, addresses, street segments)
/// for reverse geocoding (<see cref="Describe"/>) and search by name (<see cref="Search"/>). Built once per region from
/// the OSM extract (<see cref="PlaceIndexBuilder"/>) and cached (<see cref="PlaceIndexFile"/>); queries touch only flat
/// arrays and a uniform grid, never the file, so the dispatcher may call them in its hot paths.
/// </summary>
/// <remarks>
/// Reverse geocoding follows Nominatim's order of preference (reverse.php: the nearest named object of the finest rank
/// within a rank-dependent radius): a bus stop or POI right at the point gives its name; otherwise the nearest address
/// ("street number"), else the nearest street, each prefixed with its locality; else the nearest locality.
/// </remarks>
public sealed class PlaceIndex
{
    /// <summary>Grid cell edge in degrees (≈ 550 m north–south).</summary>
    internal const double CellDegrees = 0.005;

    internal const double BusStopRadius = 40, PoiRadius = 30, AddressRadius = 60, StreetRadius = 150, LocalityRadius = 5000;

    private readonly Dictionary<long, List<int>> _pointCells = new();
    private readonly Dictionary<long, List<int>> _segmentCells = new();
    private readonly int[] _localities;
    private readonly int[] _townOfPoint, _townOfSegment;

    internal PlaceIndex(string[] names, PointTable points, SegmentTable segments)
    {
        Names = names;
        Points = points;
        Segments = segments;
        var localities = new List<int>();
        for (int i = 0; i < points.Count; i++)
            if (points.Kind[i] == PlaceKind.Locality) localities.Add(i);
        _localities = [.. localities];
        // The locality of every place, once, so a search by name never scans localities per candidate.
        _townOfPoint = new int[points.Count];
        for (int i = 0; i < points.Count; i++) _townOfPoint[i] = NearestLocality(points.Lat[i], points.Lon[i]);
        _townOfSegment = new int[segments.Count];
        for (int i = 0; i < segments.Count; i++)
            _townOfSegment[i] = NearestLocality((segments.Lat1[i] + segments.Lat2[i]) / 2, (segments.Lon1[i] + segments.Lon2[i]) / 2);
        for (int i = 0; i < points.Count; i++)
            if (points.Kind[i] != PlaceKind.Locality) Add(_pointCells, Cell(points.Lat[i], points.Lon[i]), i);
        for (int i = 0; i < segments.Count; i++)
        {
            // A segment is listed in every cell of its bounding box (segments are short: OSM nodes are dense in towns).
            var (r0, c0) = RowCol(Math.Min(segments.Lat1[i], segments.Lat2[i]), Math.Min(segments.Lon1[i], segments.Lon2[i]));
            var (r1, c1) = RowCol(Math.Max(segments.Lat1[i], segments.Lat2[i]), Math.Max(segments.Lon1[i], segments.Lon2[i]));
            if ((long)(r1 - r0 + 1) * (c1 - c0 + 1) > 400) continue; // a degenerate, kilometres-long segment: its ends still name the street nearby
            for (int r = r0; r <= r1; r++)
                for (int c = c0; c <= c1; c++) Add(_segmentCells, Key(r, c), i);
        }
    }

    internal string[] Names { get; }
    internal PointTable Points { get; }
    internal SegmentTable Segments { get; }

    /// <summary>Number of named points (localities, bus stops, POIs, addresses) and street segments.</summary>
    public (int Points, int StreetSegments) Size => (Points.Count, Segments.Count);

    /// <summary>
    /// The best name for a position: a bus stop (within 40 m) or POI (30 m) by its name; else "locality, street number"
    /// of the nearest address (60 m); else "locality, street" (150 m); else the nearest locality (5 km); null when none.
    /// </summary>
    public NamedPlace? Describe(double latitude, double longitude)
    {
        int stop = NearestPoint(latitude, longitude, PlaceKind.BusStop, BusStopRadius, out double stopDist);
        if (stop >= 0) return Place(stop, Names[Points.Name[stop]], stopDist);
        int poi = NearestPoint(latitude, longitude, PlaceKind.Poi, PoiRadius, out double poiDist);
        if (poi >= 0) return Place(poi, Names[Points.Name[poi]], poiDist);
        int locality = NearestLocality(latitude, longitude);
        string? town = locality >= 0 ? Names[Points.Name[locality]] : null;
        int address = NearestPoint(latitude, longitude, PlaceKind.Address, AddressRadius, out double addressDist);
        if (address >= 0) return Place(address, WithTown(town, Names[Points.Name[address]] + " " + Names[Points.Extra[address]]), addressDist);
        int street = NearestSegment(latitude, longitude, StreetRadius, out double streetDist, out double sLat, out double sLon);
        if (street >= 0) return new NamedPlace(WithTown(town, Names[Segments.Name[street]]), PlaceKind.Street, sLat, sLon, streetDist);
        if (locality >= 0) return Place(locality, town!, Distance(latitude, longitude, locality));
        return null;
    }

    /// <summary>
    /// Places whose label contains every word of <paramref name="text"/> as a word prefix (case-insensitive), best first:
    /// whole-word matches before prefixes, then localities, bus stops, streets, POIs, addresses. A street is listed once per
    /// locality.
    /// </summary>
    public IReadOnlyList<NamedPlace> Search(string text, int max = 10)
    {
        var words = Words(text);
        if (words.Length == 0 || max <= 0) return [];
        var found = new List<(int Score, NamedPlace Place)>();
        var streets = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Points.Count; i++)
        {
            string label = Points.Kind[i] == PlaceKind.Address
                ? Names[Points.Name[i]] + " " + Names[Points.Extra[i]]
                : Names[Points.Name[i]];
            if (Points.Kind[i] is PlaceKind.Address or PlaceKind.Poi && _townOfPoint[i] is int l && l >= 0)
                label = WithTown(Names[Points.Name[l]], label);
            if (Score(words, label) is int s && s >= 0) found.Add((s * 8 + Rank(Points.Kind[i]), Place(i, label, 0)));
        }
        for (int i = 0; i < Segments.Count; i++)
        {
            double lat = (Segments.Lat1[i] + Segments.Lat2[i]) / 2, lon = (Segments.Lon1[i] + Segments.Lon2[i]) / 2;
            int l = _townOfSegment[i];
            string label = WithTown(l >= 0 ? Names[Points.Name[l]] : null, Names[Segments.Name[i]]);
            if (!streets.Add(label)) continue;
            if (Score(words, label) is int s && s >= 0) found.Add((s * 8 + Rank(PlaceKind.Street), new NamedPlace(label, PlaceKind.Street, lat, lon)));
        }
        found.Sort((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Place.Label, b.Place.Label));
        var result = new List<NamedPlace>(Math.Min(max, found.Count));
        for (int i = 0; i < found.Count && result.Count < max; i++) result.Add(found[i].Place);
        return result;
    }

    /// <summary>Every named bus stop (highway=bus_stop), e.g. as the default list of fixed stops.</summary>
    public IReadOnlyList<NamedPlace> BusStops()
    {
        var list = new List<NamedPlace>();
        for (int i = 0; i < Points.Count; i++)
            if (Points.Kind[i] == PlaceKind.BusStop) list.Add(Place(i, Names[Points.Name[i]], 0));
        return list;
    }

    /// <summary>
    /// Every locality (OSM place=city/town/village/hamlet/suburb), largest first: ranked by the named places nearest to
    /// it (the extract carries no reliable population), so a map shows the towns before the hamlets when zoomed out.
    /// </summary>
    public IReadOnlyList<RankedLocality> Localities()
    {
        var size = new Dictionary<int, int>();
        foreach (int l in _townOfPoint) if (l >= 0) size[l] = size.GetValueOrDefault(l) + 1;
        foreach (int l in _townOfSegment) if (l >= 0) size[l] = size.GetValueOrDefault(l) + 1;
        var list = new List<RankedLocality>(_localities.Length);
        foreach (int i in _localities) list.Add(new RankedLocality(Place(i, Names[Points.Name[i]], 0), size.GetValueOrDefault(i)));
        list.Sort((a, b) => a.NamedPlaces != b.NamedPlaces ? b.NamedPlaces.CompareTo(a.NamedPlaces) : string.CompareOrdinal(a.Place.Label, b.Place.Label));
        return list;
    }

    private NamedPlace Place(int i, string label, double distance) => new(label, Points.Kind[i], Points.Lat[i], Points.Lon[i], distance);

    private static string WithTown(string? town, string label) =>
        town is null || label.StartsWith(town, StringComparison.OrdinalIgnoreCase) ? label : town + ", " + label;

    private static int Rank(PlaceKind k) => k switch
    {
        PlaceKind.Locality => 0, PlaceKind.BusStop => 1, PlaceKind.Street => 2, PlaceKind.Poi => 3, _ => 4,
    };

    /// <summary>0 when every query word is a whole word of the label, 1 when some are only prefixes, −1 when one is missing.</summary>
    private static int Score(string[] query, string label)
    {
        var words = Words(label);
        int score = 0;
        foreach (var q in query)
        {
            int best = -1;
            foreach (var w in words)
            {
                if (w == q) { best = 0; break; }
                if (w.StartsWith(q, StringComparison.Ordinal)) best = 1;
            }
            if (best < 0) return -1;
            score = Math.Max(score, best);
        }
        return score;
    }

    private static string[] Words(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray();
        return new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private int NearestLocality(double lat, double lon)
    {
        int best = -1;
        double bestDist = LocalityRadius;
        foreach (int i in _localities)
        {
            double d = Distance(lat, lon, i);
            if (d <= bestDist) (best, bestDist) = (i, d);
        }
        return best;
    }

    private double Distance(double lat, double lon, int i) => GeoMath.HaversineMetres(lat, lon, Points.Lat[i], Points.Lon[i]);

    private int NearestPoint(double lat, double lon, PlaceKind kind, double radius, out double distance)
    {
        int best = -1;
        distance = radius;
        foreach (var list in Around(_pointCells, lat, lon, radius))
            foreach (int i in list)
            {
                if (Points.Kind[i] != kind) continue;
                double d = Distance(lat, lon, i);
                if (d <= distance) (best, distance) = (i, d);
            }
        return best;
    }

    private int NearestSegment(double lat, double lon, double radius, out double distance, out double atLat, out double atLon)
    {
        int best = -1;
        distance = radius;
        atLat = atLon = 0;
        var seen = new HashSet<int>();
        foreach (var list in Around(_segmentCells, lat, lon, radius))
            foreach (int i in list)
            {
                if (!seen.Add(i)) continue;
                var (pLat, pLon) = Project(lat, lon, Segments.Lat1[i], Segments.Lon1[i], Segments.Lat2[i], Segments.Lon2[i]);
                double d = GeoMath.HaversineMetres(lat, lon, pLat, pLon);
                if (d <= distance) (best, distance, atLat, atLon) = (i, d, pLat, pLon);
            }
        return best;
    }

    /// <summary>The point of segment a–b nearest to p, in a local equirectangular frame (segments are short).</summary>
    private static (double Lat, double Lon) Project(double lat, double lon, double lat1, double lon1, double lat2, double lon2)
    {
        double k = Math.Cos(lat * Math.PI / 180);
        double ax = lon1 * k, ay = lat1, bx = lon2 * k, by = lat2, px = lon * k, py = lat;
        double dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
        double t = len == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len, 0, 1);
        return (lat1 + t * (lat2 - lat1), lon1 + t * (lon2 - lon1));
    }

    private static IEnumerable<List<int>> Around(Dictionary<long, List<int>> cells, double lat, double lon, double radiusMetres)
    {
        double dLat = radiusMetres / 111_195.0;
        double dLon = dLat / Math.Max(0.01, Math.Cos(lat * Math.PI / 180));
        var (r0, c0) = RowCol(lat - dLat, lon - dLon);
        var (r1, c1) = RowCol(lat + dLat, lon + dLon);
        for (int r = r0; r <= r1; r++)
            for (int c = c0; c <= c1; c++)
                if (cells.TryGetValue(Key(r, c), out var list)) yield return list;
    }

    private static (int Row, int Col) RowCol(double lat, double lon) => ((int)Math.Floor(lat / CellDegrees), (int)Math.Floor(lon / CellDegrees));

    private static long Key(int row, int col) => ((long)row << 32) ^ (uint)col;

    private static long Cell(double lat, double lon)
    {
        var (r, c) = RowCol(lat, lon);
        return Key(r, c);
    }

    private static void Add(Dictionary<long, List<int>> cells, long key, int i)
    {
        if (!cells.TryGetValue(key, out var list)) cells[key] = list = [];
        list.Add(i);
    }
}

/// <summary>Named points as parallel arrays; <c>Extra</c> is the house number's name index for addresses, else −1.</summary>
internal sealed record PointTable(double[] Lat, double[] Lon, PlaceKind[] Kind, int[] Name, int[] Extra)
{
    public int Count => Lat.Length;
}

/// <summary>Named street segments as parallel arrays.</summary>
internal sealed record SegmentTable(double[] Lat1, double[] Lon1, double[] Lat2, double[] Lon2, int[] Name)
{
    public int Count => Lat1.Length;
}
