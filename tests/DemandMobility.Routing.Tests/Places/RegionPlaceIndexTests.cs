using DemandMobility.Routing.Places;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Places;

/// <summary>The place index of the embedded region (north of Bayreuth, real OSM data).</summary>
public sealed class RegionPlaceIndexTests
{
    private static readonly Lazy<PlaceIndex> Region = new(() => PlaceIndexBuilder.Build(TestPaths.NorthBayreuth));

    [Fact]
    public void The_region_has_bus_stops_and_streets_and_names_road_points()
    {
        var index = Region.Value;
        Assert.True(index.Size.StreetSegments > 1000, $"{index.Size}");
        Assert.NotEmpty(index.BusStops());
        Assert.All(index.Search("Bindlach"), p => Assert.Contains("bindlach", p.Label, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(index.Search("Bindlach Bahnhof"), p => p.Kind == PlaceKind.BusStop);
        // The default depot and the integration tests' trip ends lie on named roads in villages.
        foreach (var (lat, lon) in new[] { (49.983, 11.585), (49.9852, 11.5790), (50.0130, 11.5200) })
        {
            var place = index.Describe(lat, lon);
            Assert.NotNull(place);
            Assert.True(place!.DistanceMetres <= 5000);
        }
    }
}
