using System.Runtime.InteropServices;

namespace DemandMobility.Routing.Extract;

/// <summary>
/// The built-up-area stage of the extract (geschlossene Ortschaft, StVO §3(3) 1): decides for a position whether
/// it lies inside a settlement, where untagged roads have the urban limit of 50 km/h. Evidence from OSM:
/// <list type="bullet">
/// <item><c>landuse=residential/retail/commercial/industrial</c> closed ways: inside the polygon is built up;</item>
/// <item><c>place=*</c> nodes: a circle of a radius by type (<see cref="PlaceRadiusMetres"/>);</item>
/// <item><c>traffic_sign=city_limit</c> (Zeichen 310) nodes: the town sign marks the boundary, so a place circle with
/// signs around it gets the radius of its farthest sign instead of the default.</item>
/// </list>
/// Multipolygon relations are not read (in rural Germany settlements are mapped by closed ways and place nodes).
/// A uniform grid of about 1 km cells keeps a lookup to the few areas near the position.
/// </summary>
public sealed class BuiltUpAreas
{
    private const int CellE7 = 100_000; // 0.01 degrees
    private const double MetresPerDegree = Math.PI / 180 * GeoMath.EarthRadiusMeters;

    /// <summary>Signs further than this factor times a place's default radius from its centre are not its own.</summary>
    public const double SignSearchFactor = 3;

    private readonly List<(int LatE7, int LonE7, double RadiusMetres)> _circles = new();
    private readonly List<(int[] Lat, int[] Lon)> _polygons = new();
    private readonly Dictionary<long, List<int>> _circleCells = new();
    private readonly Dictionary<long, List<int>> _polygonCells = new();

    /// <summary>No built-up areas: every position is outside.</summary>
    public static BuiltUpAreas None { get; } = new();

    /// <summary>Number of settlement circles (from place nodes).</summary>
    public int CircleCount => _circles.Count;

    /// <summary>Number of settlement polygons (from landuse ways).</summary>
    public int PolygonCount => _polygons.Count;

    /// <summary>Default radius of a settlement by its <c>place</c> value, 0 for values that are no built-up area.</summary>
    /// <remarks>Radii chosen from typical German extents: a village core is about 1 km across, a town 3 km.</remarks>
    public static double PlaceRadiusMetres(string place) => place switch
    {
        "city" => 3000,
        "town" => 1500,
        "suburb" => 800,
        "village" => 500,
        "quarter" => 400,
        "neighbourhood" => 250,
        "hamlet" => 200,
        _ => 0, // isolated_dwelling, farm, locality, region names: not a geschlossene Ortschaft
    };

    /// <summary>True for <c>traffic_sign</c> values that are a town entrance sign (city_limit, DE:310).</summary>
    public static bool IsCityLimitSign(string value) =>
        value.Contains("city_limit", StringComparison.Ordinal) || value.Contains("DE:310", StringComparison.Ordinal);

    /// <summary>True for <c>landuse</c> values that are built-up areas.</summary>
    public static bool IsBuiltUpLanduse(string value) => value is "residential" or "retail" or "commercial" or "industrial";

    /// <summary>Builds the stage's index from places (centre and <c>place</c> value), town signs and closed polygons.</summary>
    /// <exception cref="ArgumentException">A polygon has fewer than 3 points or mismatched coordinate arrays.</exception>
    public static BuiltUpAreas Detect(
        IReadOnlyList<(int LatE7, int LonE7, string Type)> places,
        IReadOnlyList<(int LatE7, int LonE7)> cityLimitSigns,
        IReadOnlyList<(int[] LatE7, int[] LonE7)> polygons)
    {
        var areas = new BuiltUpAreas();
        var radius = new double[places.Count];
        for (int i = 0; i < places.Count; i++)
            radius[i] = PlaceRadiusMetres(places[i].Type);

        // Each sign belongs to the nearest place that could reach it; its distance becomes that place's boundary.
        var signRadius = new double[places.Count];
        foreach (var (sLat, sLon) in cityLimitSigns)
        {
            int best = -1;
            double bestDistance = double.PositiveInfinity;
            for (int i = 0; i < places.Count; i++)
            {
                if (radius[i] <= 0) continue;
                double d = GeoMath.HaversineMeters(places[i].LatE7, places[i].LonE7, sLat, sLon);
                if (d <= SignSearchFactor * radius[i] && d < bestDistance) { best = i; bestDistance = d; }
            }
            if (best >= 0 && bestDistance > signRadius[best]) signRadius[best] = bestDistance;
        }
        for (int i = 0; i < places.Count; i++)
        {
            if (radius[i] <= 0) continue;
            areas.AddCircle(places[i].LatE7, places[i].LonE7, signRadius[i] > 0 ? signRadius[i] : radius[i]);
        }
        foreach (var (lat, lon) in polygons)
            areas.AddPolygon(lat, lon);
        return areas;
    }

    /// <summary>The stage applied to what the PBF pass collected: resolves the landuse ways' node positions.</summary>
    internal static BuiltUpAreas FromRoadData(RoadData data)
    {
        var places = data.Places.Select(p => (p.LatE7, p.LonE7, p.Type)).ToList();
        var polygons = new List<(int[] LatE7, int[] LonE7)>();
        if (data.LanduseRefStart.Count > 1)
        {
            var ids = CollectionsMarshal.AsSpan(data.NodeIds);
            bool sorted = true;
            for (int i = 1; i < ids.Length && sorted; i++) sorted = ids[i - 1] < ids[i];
            long[] keys = ids.ToArray();
            int[] order = new int[keys.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            if (!sorted) Array.Sort(keys, order);
            var refs = CollectionsMarshal.AsSpan(data.LanduseRefs);
            for (int w = 0; w + 1 < data.LanduseRefStart.Count; w++)
            {
                int start = data.LanduseRefStart[w], end = data.LanduseRefStart[w + 1];
                var lat = new List<int>(end - start);
                var lon = new List<int>(end - start);
                for (int i = start; i < end; i++)
                {
                    int at = Array.BinarySearch(keys, refs[i]);
                    if (at < 0) continue; // node outside the extract: the ring is clipped at the boundary
                    lat.Add(data.NodeLats[order[at]]);
                    lon.Add(data.NodeLons[order[at]]);
                }
                if (lat.Count >= 3) polygons.Add((lat.ToArray(), lon.ToArray()));
            }
        }
        return Detect(places, data.CityLimitSigns, polygons);
    }

    /// <summary>True when the position lies inside a settlement circle or polygon.</summary>
    public bool Contains(int latE7, int lonE7)
    {
        long cell = Cell(latE7, lonE7);
        if (_circleCells.TryGetValue(cell, out var circles))
            foreach (int c in circles)
            {
                var (lat, lon, r) = _circles[c];
                if (GeoMath.HaversineMeters(lat, lon, latE7, lonE7) <= r) return true;
            }
        if (_polygonCells.TryGetValue(cell, out var polygons))
            foreach (int p in polygons)
                if (InPolygon(_polygons[p].Lat, _polygons[p].Lon, latE7, lonE7)) return true;
        return false;
    }

    private void AddCircle(int latE7, int lonE7, double radiusMetres)
    {
        int index = _circles.Count;
        _circles.Add((latE7, lonE7, radiusMetres));
        int dLat = (int)Math.Ceiling(radiusMetres / MetresPerDegree * 1e7);
        double cos = Math.Max(0.01, Math.Cos(latE7 * 1e-7 * Math.PI / 180));
        int dLon = (int)Math.Ceiling(radiusMetres / (MetresPerDegree * cos) * 1e7);
        Register(_circleCells, index, latE7 - dLat, latE7 + dLat, lonE7 - dLon, lonE7 + dLon);
    }

    private void AddPolygon(int[] lat, int[] lon)
    {
        if (lat.Length != lon.Length || lat.Length < 3)
            throw new ArgumentException($"A built-up polygon needs at least 3 points with a latitude and longitude each (got {lat.Length} and {lon.Length}).");
        int index = _polygons.Count;
        _polygons.Add((lat, lon));
        Register(_polygonCells, index, lat.Min(), lat.Max(), lon.Min(), lon.Max());
    }

    private static void Register(Dictionary<long, List<int>> cells, int index, int minLat, int maxLat, int minLon, int maxLon)
    {
        for (int cy = FloorDiv(minLat); cy <= FloorDiv(maxLat); cy++)
            for (int cx = FloorDiv(minLon); cx <= FloorDiv(maxLon); cx++)
            {
                long key = ((long)cy << 32) | (uint)cx;
                if (!cells.TryGetValue(key, out var list)) cells[key] = list = new List<int>(2);
                list.Add(index);
            }
    }

    private static long Cell(int latE7, int lonE7) => ((long)FloorDiv(latE7) << 32) | (uint)FloorDiv(lonE7);

    private static int FloorDiv(int v) => (int)Math.Floor(v / (double)CellE7);

    /// <summary>Even-odd ray casting (W. R. Franklin, "PNPOLY"), longitude as x and latitude as y.</summary>
    private static bool InPolygon(int[] lat, int[] lon, int pLat, int pLon)
    {
        bool inside = false;
        for (int i = 0, j = lat.Length - 1; i < lat.Length; j = i++)
        {
            if ((lat[i] > pLat) != (lat[j] > pLat)
                && pLon < (double)(lon[j] - lon[i]) * (pLat - lat[i]) / ((double)lat[j] - lat[i]) + lon[i])
                inside = !inside;
        }
        return inside;
    }
}
