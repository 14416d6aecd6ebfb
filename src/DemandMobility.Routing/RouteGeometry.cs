using DemandMobility.Routing.Geometry;

namespace DemandMobility.Routing;

/// <summary>A route's line: snapped start, every shape point driven, snapped end (1e-7 degrees).</summary>
/// <param name="LatitudesE7">Latitudes in 1e-7 degrees.</param>
/// <param name="LongitudesE7">Longitudes in 1e-7 degrees.</param>
public sealed record RouteGeometry(int[] LatitudesE7, int[] LongitudesE7)
{
    /// <summary>GeoJSON LineString coordinates: [longitude, latitude] pairs in degrees (RFC 7946 order).</summary>
    public double[][] ToGeoJsonCoordinates()
    {
        var result = new double[LatitudesE7.Length][];
        // Division (not multiplication by 1e-7) yields the double nearest to the decimal value, so JSON stays short.
        for (int i = 0; i < result.Length; i++) result[i] = [LongitudesE7[i] / 1e7, LatitudesE7[i] / 1e7];
        return result;
    }

    /// <summary>The line as a Google encoded polyline with precision 5 (1e-5 degrees, OSRM's default).</summary>
    public string ToEncodedPolyline() => Polyline.Encode(LatitudesE7, LongitudesE7);

    /// <summary>Length of the line in metres (haversine over consecutive points).</summary>
    public double LengthMetres()
    {
        double sum = 0;
        for (int i = 1; i < LatitudesE7.Length; i++)
            sum += GeoMath.HaversineMetres(LatitudesE7[i - 1] * 1e-7, LongitudesE7[i - 1] * 1e-7, LatitudesE7[i] * 1e-7, LongitudesE7[i] * 1e-7);
        return sum;
    }
}
