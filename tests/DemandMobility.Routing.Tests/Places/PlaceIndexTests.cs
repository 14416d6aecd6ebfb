using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Places;
using Xunit;

namespace DemandMobility.Routing.Tests.Places;

/// <summary>
/// Reverse geocoding and search on a drawn village, written as a small PBF:
/// <code>
///              Heinersreuth (≈ 3.9 km north-east)
///
///   Bindlach ●       12 ■     B Rathaus        + Löwen-Apotheke (south of the street)
///            a═══════════════ Bayreuther Straße ═══════════════b   (0 … 715 m east)
/// </code>
/// </summary>
public sealed class PlaceIndexTests
{
    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7);

    private static byte[] DrawnVillage()
    {
        using var buffer = new MemoryStream();
        using (var w = new PbfWriter(buffer))
        {
            w.WriteNode(1, E7(50.0000), E7(11.5000), OsmTags.Of(("place", "village"), ("name", "Bindlach")));
            w.WriteNode(2, E7(50.0300), E7(11.5300), OsmTags.Of(("place", "village"), ("name", "Heinersreuth")));
            w.WriteNode(10, E7(50.0000), E7(11.5000), OsmTags.Empty);
            w.WriteNode(11, E7(50.0000), E7(11.5100), OsmTags.Empty);
            w.WriteNode(20, E7(50.0003), E7(11.5020), OsmTags.Of(("addr:street", "Bayreuther Straße"), ("addr:housenumber", "12")));
            w.WriteNode(21, E7(50.0002), E7(11.5060), OsmTags.Of(("highway", "bus_stop"), ("name", "Rathaus")));
            w.WriteNode(22, E7(49.9990), E7(11.5080), OsmTags.Of(("amenity", "pharmacy"), ("name", "Löwen-Apotheke")));
            w.WriteWay(100, [10, 11], OsmTags.Of(("highway", "primary"), ("name", "Bayreuther Straße")));
        }
        return buffer.ToArray();
    }

    private static PlaceIndex Index()
    {
        var bytes = DrawnVillage();
        return PlaceIndexBuilder.Build(() => PbfReader.Open(new MemoryStream(bytes), "village.osm.pbf"));
    }

    [Theory]
    [InlineData(50.00032, 11.50205, "Bindlach, Bayreuther Straße 12", PlaceKind.Address)]   // at the house
    [InlineData(50.00050, 11.50900, "Bindlach, Bayreuther Straße", PlaceKind.Street)]       // 55 m north of the street, no house near
    [InlineData(50.00025, 11.50600, "Rathaus", PlaceKind.BusStop)]                          // at the bus stop
    [InlineData(49.99905, 11.50800, "Löwen-Apotheke", PlaceKind.Poi)]                      // at the pharmacy
    [InlineData(50.02000, 11.51500, "Heinersreuth", PlaceKind.Locality)]                    // in the fields, nearest village
    public void Describe_prefers_stop_poi_address_street_then_locality(double lat, double lon, string label, PlaceKind kind)
    {
        var place = Index().Describe(lat, lon);
        Assert.NotNull(place);
        Assert.Equal(label, place!.Label);
        Assert.Equal(kind, place.Kind);
    }

    [Fact]
    public void Localities_come_largest_first_by_the_named_places_nearest_to_them()
    {
        var localities = Index().Localities();

        // Bindlach has the street, the address, the stop and the pharmacy; Heinersreuth only itself.
        Assert.Equal(["Bindlach", "Heinersreuth"], localities.Select(l => l.Place.Label));
        Assert.Equal([5, 1], localities.Select(l => l.NamedPlaces));
        Assert.All(localities, l => Assert.Equal(PlaceKind.Locality, l.Place.Kind));
    }

    [Fact]
    public void Far_from_everything_there_is_no_name()
    {
        Assert.Null(Index().Describe(51.0, 12.0));
    }

    [Theory]
    [InlineData("bayr", "Bindlach, Bayreuther Straße", PlaceKind.Street)]
    [InlineData("Rathaus", "Rathaus", PlaceKind.BusStop)]
    [InlineData("bindl", "Bindlach", PlaceKind.Locality)]
    [InlineData("apotheke", "Bindlach, Löwen-Apotheke", PlaceKind.Poi)]
    [InlineData("bayreuther 12", "Bindlach, Bayreuther Straße 12", PlaceKind.Address)]
    public void Search_finds_places_streets_stops_and_pois_by_name(string query, string label, PlaceKind kind)
    {
        var found = Index().Search(query);
        Assert.NotEmpty(found);
        Assert.Equal(label, found[0].Label);
        Assert.Equal(kind, found[0].Kind);
    }

    [Fact]
    public void A_street_is_listed_once_and_nonsense_finds_nothing()
    {
        var index = Index();
        Assert.Single(index.Search("straße"), p => p.Kind == PlaceKind.Street);
        Assert.Empty(index.Search("zzz"));
        Assert.Empty(index.Search("  "));
    }

    [Fact]
    public void Bus_stops_make_the_default_stop_list()
    {
        var stops = Index().BusStops();
        Assert.Equal("Rathaus", Assert.Single(stops).Label);
    }

    [Fact]
    public void The_cache_round_trips_and_belongs_to_one_source()
    {
        var index = Index();
        using var file = new MemoryStream();
        PlaceIndexFile.Write(index, file, 1234, 5678);
        file.Position = 0;
        var again = PlaceIndexFile.Read(file, 1234, 5678)!;
        Assert.Equal(index.Size, again.Size);
        Assert.Equal(index.Describe(50.00032, 11.50205), again.Describe(50.00032, 11.50205));
        file.Position = 0;
        Assert.Null(PlaceIndexFile.Read(file, 1235, 5678)); // the extract changed: rebuild
        Assert.Throws<InvalidDataException>(() => PlaceIndexFile.Read(new MemoryStream("not a place index"u8.ToArray()), 1, 1));
    }

    [Fact]
    public void Load_or_build_writes_the_cache_once_and_reuses_it()
    {
        string dir = Directory.CreateTempSubdirectory("places-").FullName;
        try
        {
            string pbf = Path.Combine(dir, "village.osm.pbf"), cache = Path.Combine(dir, "village.places");
            File.WriteAllBytes(pbf, DrawnVillage());
            var built = PlaceIndexFile.LoadOrBuild(pbf, cache);
            Assert.True(File.Exists(cache));
            var stamp = File.GetLastWriteTimeUtc(cache);
            var loaded = PlaceIndexFile.LoadOrBuild(pbf, cache);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(cache));
            Assert.Equal(built.Size, loaded.Size);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
