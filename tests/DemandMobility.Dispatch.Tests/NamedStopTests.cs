using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Places;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>Offers and manifests name their stops from the region's place index.</summary>
public sealed class NamedStopTests
{
    private static int E7(double degrees) => (int)Math.Round(degrees * 1e7);

    /// <summary>Bindlach with one street, a house and a bus stop, drawn around the harness origin (50.0 N, 11.5 E).</summary>
    private static PlaceIndex Village()
    {
        using var buffer = new MemoryStream();
        using (var w = new PbfWriter(buffer))
        {
            w.WriteNode(1, E7(50.0), E7(11.5), OsmTags.Of(("place", "village"), ("name", "Bindlach")));
            w.WriteNode(10, E7(50.0), E7(11.5), OsmTags.Empty);
            w.WriteNode(11, E7(50.0), E7(11.6), OsmTags.Empty);
            w.WriteNode(20, Lat(0.03), Lon(0.15), OsmTags.Of(("addr:street", "Bayreuther Straße"), ("addr:housenumber", "12")));
            w.WriteNode(21, Lat(0.02), Lon(5.0), OsmTags.Of(("highway", "bus_stop"), ("name", "Rathaus")));
            w.WriteWay(100, [10, 11], OsmTags.Of(("highway", "primary"), ("name", "Bayreuther Straße")));
        }
        var bytes = buffer.ToArray();
        return PlaceIndexBuilder.Build(() => PbfReader.Open(new MemoryStream(bytes), "bindlach.osm.pbf"));
    }

    private static int Lat(double kmNorth) => E7(P(kmNorth, 0).Latitude);

    private static int Lon(double kmEast) => E7(P(0, kmEast).Longitude);

    [Fact]
    public async Task Offers_and_manifests_name_the_stops()
    {
        var h = await CreateAsync(new DispatchOptions { StopNames = new PlaceIndexStopNamer(Village()) });
        await h.AddVehicleAsync("bus-1");

        var offer = await h.OfferAsync("anna", Trip(At(0.03, 0.15), At(0.02, 5.0), Start.AddMinutes(10)));
        Assert.Equal("Bindlach, Bayreuther Straße 12", offer.Pickup.Name);
        Assert.Equal("Rathaus", offer.Dropoff.Name);
        var c = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), offer.OfferId);
        Assert.True(c.IsSuccess);
        Assert.Equal("Rathaus", c.Value!.Offer!.Dropoff.Name);

        var manifest = (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!;
        Assert.Equal(new string?[] { "Bindlach, Bayreuther Straße 12", "Rathaus" }, manifest.Stops.Select(s => s.Name).ToArray());
        await h.ReopenAsync(); // the names are part of the stored offer
        Assert.Equal("Bindlach, Bayreuther Straße 12", (await h.ViewAsync(c.Value.Id)).Booking.Offer!.Pickup.Name);
    }

    [Fact]
    public async Task Fixed_stops_keep_their_configured_names()
    {
        var h = await CreateAsync(new DispatchOptions
        {
            FixedStops = [new FixedStop("s1", "Marktplatz", P(1, 0)), new FixedStop("s2", "Bahnhof", P(5, 0))],
        });
        await h.AddVehicleAsync("bus-1");
        var offer = await h.OfferAsync("anna", Trip(PlaceRef.Stop("s1"), At(5, 0.1), Start.AddMinutes(10)));
        Assert.Equal("Marktplatz", offer.Pickup.Name);
        Assert.Equal("Bahnhof", offer.Dropoff.Name);
    }
}
