namespace DemandMobility.Routing.Geometry;

/// <summary>A WGS84 coordinate in degrees.</summary>
/// <param name="Latitude">Latitude, degrees north.</param>
/// <param name="Longitude">Longitude, degrees east.</param>
public readonly record struct GeoCoordinate(double Latitude, double Longitude)
{
    /// <summary>Parses "LAT,LON" (invariant culture); returns false with a reason on bad input.</summary>
    public static bool TryParse(string? text, out GeoCoordinate coordinate, out string error)
    {
        coordinate = default;
        error = "";
        var parts = (text ?? "").Split(',');
        if (parts.Length != 2)
        {
            error = $"expected LAT,LON but got '{text}'";
            return false;
        }
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var style = System.Globalization.NumberStyles.Float;
        if (!double.TryParse(parts[0].Trim(), style, ci, out double lat) || lat is < -90 or > 90 || double.IsNaN(lat))
        {
            error = $"latitude '{parts[0].Trim()}' is not a number between -90 and 90";
            return false;
        }
        if (!double.TryParse(parts[1].Trim(), style, ci, out double lon) || lon is < -180 or > 180 || double.IsNaN(lon))
        {
            error = $"longitude '{parts[1].Trim()}' is not a number between -180 and 180";
            return false;
        }
        coordinate = new GeoCoordinate(lat, lon);
        return true;
    }
}
