namespace DemandMobility.Routing.Extract;

/// <summary>Great-circle distance on a spherical Earth.</summary>
public static class GeoMath
{
    /// <summary>Mean Earth radius R1 = 6 371 008.8 m (IUGG), the usual choice for haversine on OSM data.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Haversine distance in metres between two points given in 1e-7 degrees.</summary>
    public static double HaversineMeters(int lat1E7, int lon1E7, int lat2E7, int lon2E7)
    {
        const double toRad = Math.PI / 180 * 1e-7;
        double phi1 = lat1E7 * toRad, phi2 = lat2E7 * toRad;
        double dPhi = phi2 - phi1;
        double dLambda = (lon2E7 - (double)lon1E7) * toRad;
        double s1 = Math.Sin(dPhi * 0.5), s2 = Math.Sin(dLambda * 0.5);
        double a = s1 * s1 + Math.Cos(phi1) * Math.Cos(phi2) * s2 * s2;
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
