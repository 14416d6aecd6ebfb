using System.Collections.Immutable;

namespace DemandMobility.Dispatch.Geo;

/// <summary>
/// The polygon a service operates in (one outer ring, no holes). Points on the boundary may fall
/// either side; service areas are drawn with a margin, so that does not matter in practice.
/// </summary>
public sealed class ServiceArea
{
    private readonly double[] _lat;
    private readonly double[] _lon;

    /// <summary>Creates the area from its ring (at least three corners; the closing point may be repeated or not).</summary>
    public ServiceArea(IReadOnlyList<GeoPoint> ring)
    {
        if (ring.Count < 3)
            throw new ArgumentException("A service area needs at least three corners.", nameof(ring));
        Ring = ring.ToImmutableArray();
        _lat = new double[ring.Count];
        _lon = new double[ring.Count];
        for (int i = 0; i < ring.Count; i++)
        {
            _lat[i] = ring[i].Latitude;
            _lon[i] = ring[i].Longitude;
        }
    }

    /// <summary>The corners as given.</summary>
    public ImmutableArray<GeoPoint> Ring { get; }

    /// <summary>
    /// Even-odd ray casting (W. R. Franklin, "PNPOLY – Point Inclusion in Polygon Test", 1970s note):
    /// count crossings of a ray towards +longitude; an odd count means inside. Planar in degrees, which
    /// is accurate enough for areas of a few tens of kilometres away from the poles and the date line.
    /// </summary>
    public bool Contains(GeoPoint p)
    {
        bool inside = false;
        int n = _lat.Length;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            if ((_lat[i] > p.Latitude) != (_lat[j] > p.Latitude) &&
                p.Longitude < (_lon[j] - _lon[i]) * (p.Latitude - _lat[i]) / (_lat[j] - _lat[i]) + _lon[i])
                inside = !inside;
        }
        return inside;
    }
}
