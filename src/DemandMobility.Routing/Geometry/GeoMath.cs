namespace DemandMobility.Routing.Geometry;

/// <summary>Small spherical-earth helpers shared by snapping and path geometry.</summary>
public static class GeoMath
{
    /// <summary>Mean earth radius in metres (IUGG), the value OSRM also uses for distances.</summary>
    public const double EarthRadiusMetres = 6_371_008.8;

    /// <summary>Degrees per 1e-7-degree unit.</summary>
    public const double DegreesPerE7 = 1e-7;

    /// <summary>Great-circle distance in metres between two points given in degrees (haversine formula).</summary>
    public static double HaversineMetres(double lat1, double lon1, double lat2, double lon2)
    {
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double a = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Metres per 1e-7 degree of latitude.</summary>
    public const double MetresPerE7Latitude = EarthRadiusMetres * Math.PI / 180 * 1e-7;

    /// <summary>Metres per 1e-7 degree of longitude at the given latitude (equirectangular approximation).</summary>
    public static double MetresPerE7Longitude(double latitudeDegrees) =>
        MetresPerE7Latitude * Math.Cos(latitudeDegrees * Math.PI / 180);
}
