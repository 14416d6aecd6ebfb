using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing.Pbf;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>
/// What demand generation reads from an OSM extract: settlements, POIs and the nodes of residential roads
/// (<c>highway=residential|living_street|unclassified</c>, where people live). Parsed once per file and process
/// (cached by full path, size and modification time), since every scenario run of a batch reads the same extract.
/// Settlement size: the <c>population</c> tag when it holds a number, else by type — city 20,000, town 5,000,
/// village 500, hamlet 50, isolated_dwelling 5.
/// </summary>
internal sealed class OsmDemandCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<OsmDemandCatalog>> Cache = new(StringComparer.Ordinal);

    private OsmDemandCatalog(ImmutableArray<Settlement> settlements, ImmutableArray<PointOfInterest> pois, double[] homeLat, double[] homeLon)
    {
        Settlements = settlements;
        Pois = pois;
        HomeLatitudes = homeLat;
        HomeLongitudes = homeLon;
    }

    /// <summary>Settlements in file order.</summary>
    public ImmutableArray<Settlement> Settlements { get; }

    /// <summary>POIs in file order (nodes, then ways).</summary>
    public ImmutableArray<PointOfInterest> Pois { get; }

    /// <summary>Latitudes of residential road nodes (sorted by node id, so draws are reproducible).</summary>
    public double[] HomeLatitudes { get; }

    /// <summary>Longitudes matching <see cref="HomeLatitudes"/>.</summary>
    public double[] HomeLongitudes { get; }

    /// <summary>The catalogue of <paramref name="pbfPath"/>, parsed on first use.</summary>
    /// <exception cref="FileNotFoundException">The extract does not exist.</exception>
    /// <exception cref="PbfFormatException">The extract is not a readable PBF file.</exception>
    public static OsmDemandCatalog Load(string pbfPath)
    {
        var info = new FileInfo(pbfPath);
        if (!info.Exists)
            throw new FileNotFoundException($"OSM extract not found: {pbfPath}", pbfPath);
        string key = info.FullName + "|" + info.Length.ToString(CultureInfo.InvariantCulture) + "|" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<OsmDemandCatalog>(() => Parse(info.FullName), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // Do not cache a failure: the file may be fixed and retried in the same process.
            Cache.TryRemove(new KeyValuePair<string, Lazy<OsmDemandCatalog>>(key, lazy));
            throw;
        }
    }

    /// <summary>Default population by place type (see the class comment); 0 for places nobody lives in.</summary>
    internal static double DefaultPopulation(string placeType) => placeType switch
    {
        "city" => 20000,
        "town" => 5000,
        "village" => 500,
        "hamlet" => 50,
        "isolated_dwelling" => 5,
        _ => 0,
    };

    private static OsmDemandCatalog Parse(string path)
    {
        var coords = new Dictionary<long, (int Lat, int Lon)>();
        var settlements = ImmutableArray.CreateBuilder<Settlement>();
        var pois = ImmutableArray.CreateBuilder<PointOfInterest>();
        var wayPlaces = new List<OsmWay>();
        var wayPois = new List<(OsmWay Way, string Category, string Tag)>();
        var homeNodes = new HashSet<long>();

        using (var reader = PbfReader.Open(path))
        {
            foreach (var element in reader.ReadElements())
            {
                switch (element)
                {
                    case OsmNode node:
                        coords[node.Id] = (node.LatitudeE7, node.LongitudeE7);
                        if (node.Tags.Count == 0)
                            break;
                        var point = new GeoPoint(node.Latitude, node.Longitude);
                        if (TryPlace(node.Tags, point) is { } s)
                            settlements.Add(s);
                        if (PoiClassifier.Classify(node.Tags) is { } c)
                            pois.Add(new PointOfInterest(c.Category, node.Tags["name"] ?? "", c.Tag, point));
                        break;
                    case OsmWay way:
                        if (way.Tags["highway"] is "residential" or "living_street" or "unclassified")
                            foreach (long id in way.NodeIds)
                                homeNodes.Add(id);
                        if (way.Tags["place"] is not null)
                            wayPlaces.Add(way);
                        if (PoiClassifier.Classify(way.Tags) is { } wc)
                            wayPois.Add((way, wc.Category, wc.Tag));
                        break;
                }
            }
        }

        foreach (var way in wayPlaces)
            if (Centroid(way, coords) is { } centre && TryPlace(way.Tags, centre) is { } s)
                settlements.Add(s);
        foreach (var (way, category, tag) in wayPois)
            if (Centroid(way, coords) is { } centre)
                pois.Add(new PointOfInterest(category, way.Tags["name"] ?? "", tag, centre));

        var ids = homeNodes.Where(coords.ContainsKey).Order().ToArray();
        var lat = new double[ids.Length];
        var lon = new double[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            var (la, lo) = coords[ids[i]];
            lat[i] = la * 1e-7;
            lon[i] = lo * 1e-7;
        }
        return new OsmDemandCatalog(settlements.ToImmutable(), pois.ToImmutable(), lat, lon);
    }

    private static Settlement? TryPlace(OsmTags tags, GeoPoint point)
    {
        string? place = tags["place"];
        if (place is null)
            return null;
        double fallback = DefaultPopulation(place);
        if (fallback <= 0)
            return null;
        double population = ParsePopulation(tags["population"]) ?? fallback;
        return new Settlement(tags["name"] ?? "", place, population, point);
    }

    /// <summary>Reads "1234", "1.234", "1,234" or "ca. 500" as a head count; null when there is no usable number.</summary>
    internal static double? ParsePopulation(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        long n = 0;
        bool any = false;
        foreach (char ch in value)
        {
            if (char.IsAsciiDigit(ch))
            {
                n = checked(n * 10 + (ch - '0'));
                any = true;
                if (n > 100_000_000)
                    return null;
            }
            else if (ch is '.' or ',' or ' ' || (!any && !char.IsAsciiDigit(ch)))
            {
                // Thousands separators and a leading "ca." are skipped.
            }
            else
            {
                break;
            }
        }
        return any && n > 0 ? n : null;
    }

    private static GeoPoint? Centroid(OsmWay way, Dictionary<long, (int Lat, int Lon)> coords)
    {
        double lat = 0, lon = 0;
        int n = 0;
        foreach (long id in way.NodeIds)
        {
            if (!coords.TryGetValue(id, out var c))
                continue;
            lat += c.Lat * 1e-7;
            lon += c.Lon * 1e-7;
            n++;
        }
        return n == 0 ? null : new GeoPoint(lat / n, lon / n);
    }
}
