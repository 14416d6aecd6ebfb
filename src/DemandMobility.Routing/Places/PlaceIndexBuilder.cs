using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Places;

/// <summary>
/// Builds a <see cref="PlaceIndex"/> from an OSM extract in two passes of the existing <see cref="PbfReader"/>: the
/// first collects the nodes of named streets and of addressed or named buildings, the second reads named nodes, those
/// nodes' coordinates and the ways (a PBF lists nodes before ways). Relations are not used.
/// </summary>
public static class PlaceIndexBuilder
{
    private static readonly HashSet<string> LocalityTypes = new(StringComparer.Ordinal)
        { "city", "town", "village", "hamlet", "suburb", "quarter", "neighbourhood", "isolated_dwelling" };

    private static readonly string[] PoiKeys = ["amenity", "shop", "tourism", "leisure", "office", "healthcare", "craft", "historic", "railway"];

    /// <summary>Builds the index of the extract at <paramref name="pbfPath"/>.</summary>
    /// <exception cref="PbfFormatException">The file is not a readable OSM PBF (names file and offset).</exception>
    public static PlaceIndex Build(string pbfPath) => Build(() => PbfReader.Open(pbfPath));

    /// <summary>Builds the index from a reader factory (called twice, for the two passes).</summary>
    public static PlaceIndex Build(Func<PbfReader> open)
    {
        var needed = new HashSet<long>();
        using (var reader = open())
            foreach (var e in reader.ReadElements())
                if (e is OsmWay w && (IsStreet(w.Tags) || IsAddress(w.Tags) || PoiName(w.Tags) is not null))
                    foreach (var id in w.NodeIds) needed.Add(id);

        var names = new List<string>();
        var nameIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Name(string s)
        {
            if (!nameIndex.TryGetValue(s, out int i)) { i = names.Count; names.Add(s); nameIndex[s] = i; }
            return i;
        }
        var pLat = new List<double>(); var pLon = new List<double>(); var pKind = new List<PlaceKind>();
        var pName = new List<int>(); var pExtra = new List<int>();
        void Point(double lat, double lon, PlaceKind kind, string name, string? extra = null)
        {
            pLat.Add(lat); pLon.Add(lon); pKind.Add(kind); pName.Add(Name(name)); pExtra.Add(extra is null ? -1 : Name(extra));
        }
        var sLat1 = new List<double>(); var sLon1 = new List<double>(); var sLat2 = new List<double>(); var sLon2 = new List<double>();
        var sName = new List<int>();
        var coords = new Dictionary<long, (double Lat, double Lon)>();

        using (var reader = open())
            foreach (var e in reader.ReadElements())
            {
                if (e is OsmNode n)
                {
                    if (needed.Contains(n.Id)) coords[n.Id] = (n.Latitude, n.Longitude);
                    AddNamedPoint(n.Tags, n.Latitude, n.Longitude, Point);
                }
                else if (e is OsmWay w)
                {
                    if (IsStreet(w.Tags))
                    {
                        int name = Name(w.Tags["name"]!);
                        for (int i = 1; i < w.NodeIds.Length; i++)
                        {
                            if (!coords.TryGetValue(w.NodeIds[i - 1], out var a) || !coords.TryGetValue(w.NodeIds[i], out var b)) continue;
                            sLat1.Add(a.Lat); sLon1.Add(a.Lon); sLat2.Add(b.Lat); sLon2.Add(b.Lon); sName.Add(name);
                        }
                    }
                    else if (Centroid(w, coords) is var (lat, lon))
                    {
                        AddNamedPoint(w.Tags, lat, lon, Point);
                    }
                }
            }

        return new PlaceIndex([.. names],
            new PointTable([.. pLat], [.. pLon], [.. pKind], [.. pName], [.. pExtra]),
            new SegmentTable([.. sLat1], [.. sLon1], [.. sLat2], [.. sLon2], [.. sName]));
    }

    private static void AddNamedPoint(OsmTags tags, double lat, double lon, Action<double, double, PlaceKind, string, string?> add)
    {
        string? name = tags["name"];
        if (name is not null && tags["highway"] == "bus_stop") add(lat, lon, PlaceKind.BusStop, name, null);
        else if (name is not null && tags["place"] is { } place && LocalityTypes.Contains(place)) add(lat, lon, PlaceKind.Locality, name, null);
        else if (PoiName(tags) is { } poi) add(lat, lon, PlaceKind.Poi, poi, null);
        if (IsAddress(tags)) add(lat, lon, PlaceKind.Address, tags["addr:street"]!, tags["addr:housenumber"]);
    }

    private static bool IsStreet(OsmTags tags) => tags["highway"] is { } h && h != "bus_stop" && tags["name"] is not null;

    private static bool IsAddress(OsmTags tags) => tags["addr:street"] is not null && tags["addr:housenumber"] is not null;

    private static string? PoiName(OsmTags tags)
    {
        if (tags["name"] is not { } name || tags["highway"] is not null || tags["place"] is not null) return null;
        foreach (var k in PoiKeys)
            if (tags[k] is not null) return name;
        return tags["building"] is "public" or "school" or "church" or "train_station" ? name : null;
    }

    private static (double Lat, double Lon)? Centroid(OsmWay w, Dictionary<long, (double Lat, double Lon)> coords)
    {
        double lat = 0, lon = 0;
        int n = 0;
        foreach (var id in w.NodeIds)
            if (coords.TryGetValue(id, out var c)) { lat += c.Lat; lon += c.Lon; n++; }
        return n == 0 ? null : (lat / n, lon / n);
    }
}
