namespace DemandMobility.Dispatch.Geo;

/// <summary>Great-circle geometry on a spherical earth.</summary>
public static class GeoMath
{
    /// <summary>Mean earth radius in metres (IUGG).</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>
    /// Great-circle distance in metres by the haversine formula (R. W. Sinnott, "Virtues of the Haversine",
    /// Sky and Telescope 68(2), 1984), chosen because it stays accurate for the short distances of a
    /// rural service area where the spherical law of cosines loses precision.
    /// </summary>
    public static double HaversineMetres(GeoPoint a, GeoPoint b)
    {
        const double toRad = Math.PI / 180.0;
        double dLat = (b.Latitude - a.Latitude) * toRad;
        double dLon = (b.Longitude - a.Longitude) * toRad;
        double sLat = Math.Sin(dLat * 0.5), sLon = Math.Sin(dLon * 0.5);
        double h = sLat * sLat + Math.Cos(a.Latitude * toRad) * Math.Cos(b.Latitude * toRad) * sLon * sLon;
        return 2.0 * EarthRadiusMetres * Math.Asin(Math.Min(1.0, Math.Sqrt(h)));
    }
}
