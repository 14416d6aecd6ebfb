using DemandMobility.Routing.Geometry;
using Xunit;

namespace DemandMobility.Routing.Tests.Geometry;

public class PolylineTests
{
    [Fact]
    public void Encodes_googles_documented_example()
    {
        // The example from Google's "Encoded Polyline Algorithm Format" page.
        int[] lats = [385_000_000, 407_000_000, 432_520_000];
        int[] lons = [-1_202_000_000, -1_209_500_000, -1_264_530_000];
        Assert.Equal("_p~iF~ps|U_ulLnnqC_mqNvxq`@", Polyline.Encode(lats, lons));
    }

    [Fact]
    public void Decode_inverts_encode_at_precision_five()
    {
        var rnd = new Random(5);
        int[] lats = Enumerable.Range(0, 50).Select(_ => rnd.Next(-900_000_000, 900_000_000)).ToArray();
        int[] lons = Enumerable.Range(0, 50).Select(_ => rnd.Next(-1_800_000_000, 1_800_000_000)).ToArray();
        var decoded = Polyline.Decode(Polyline.Encode(lats, lons));
        Assert.Equal(50, decoded.Count);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(lats[i] * 1e-7, decoded[i].Lat, 5);
            Assert.Equal(lons[i] * 1e-7, decoded[i].Lon, 5);
        }
    }
}
