using System.Globalization;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// Parses OSM <c>maxspeed</c> values (OSM wiki "Key:maxspeed" and "Default speed limits", Germany):
/// plain numbers (km/h), "50 km/h", "30 mph", "5 knots" is rejected, German implicit limits
/// (DE:urban 50, DE:rural 100, DE:zone30 30, DE:living_street/walk 7, DE:bicycle_road 30),
/// "none"/"DE:motorway" (no limit: <see cref="double.PositiveInfinity"/>, the vehicle cap applies).
/// Several values separated by ';' yield the lowest. Anything else (e.g. "signals", "variable") is invalid.
/// </summary>
public static class MaxspeedParser
{
    /// <summary>Walking pace used for living streets ("Schrittgeschwindigkeit", courts read it as 4-7 km/h).</summary>
    public const double WalkKmh = 7;

    private const double MphToKmh = 1.609344;

    /// <summary>Parses a maxspeed value into km/h; false for invalid or unknown values.</summary>
    public static bool TryParse(string? value, out double kmh)
    {
        kmh = 0;
        if (string.IsNullOrWhiteSpace(value))
            return false;
        if (value.Contains(';'))
        {
            double best = double.PositiveInfinity;
            bool any = false;
            foreach (string part in value.Split(';'))
            {
                if (TryParseSingle(part, out double v))
                {
                    best = Math.Min(best, v);
                    any = true;
                }
            }
            kmh = best;
            return any;
        }
        return TryParseSingle(value, out kmh);
    }

    private static bool TryParseSingle(string raw, out double kmh)
    {
        kmh = 0;
        string value = raw.Trim();
        switch (value.ToLowerInvariant())
        {
            case "none":
            case "de:motorway":
                kmh = double.PositiveInfinity;
                return true;
            case "de:rural":
            case "de:trunk":
                kmh = 100;
                return true;
            case "de:urban":
                kmh = 50;
                return true;
            case "de:zone30":
            case "de:zone:30":
            case "de:bicycle_road":
                kmh = 30;
                return true;
            case "de:zone20":
            case "de:zone:20":
                kmh = 20;
                return true;
            case "de:living_street":
            case "walk":
                kmh = WalkKmh;
                return true;
        }

        double factor = 1;
        string number = value;
        if (value.EndsWith("mph", StringComparison.OrdinalIgnoreCase))
        {
            factor = MphToKmh;
            number = value[..^3];
        }
        else if (value.EndsWith("km/h", StringComparison.OrdinalIgnoreCase))
            number = value[..^4];
        else if (value.EndsWith("kmh", StringComparison.OrdinalIgnoreCase) || value.EndsWith("kph", StringComparison.OrdinalIgnoreCase))
            number = value[..^3];

        if (!double.TryParse(number.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double parsed))
            return false;
        if (parsed <= 0 || parsed > 300)
            return false;
        kmh = parsed * factor;
        return true;
    }
}
