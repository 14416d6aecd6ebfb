namespace DemandMobility.Dispatch.Geo;

/// <summary>Great-circle geometry for the dispatcher's <see cref="GeoPoint"/>s.</summary>
public static class GeoMath
{
    /// <summary>
    /// Great-circle distance in metres; the formula (haversine, Sinnott 1984) lives once, in the router's
    /// <see cref="Routing.Geometry.GeoMath"/>, so that straight-line estimates and road lengths agree.
    /// </summary>
    public static double HaversineMetres(GeoPoint a, GeoPoint b) =>
        Routing.Geometry.GeoMath.HaversineMetres(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
}
