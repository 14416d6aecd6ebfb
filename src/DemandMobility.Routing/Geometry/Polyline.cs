using System.Text;

namespace DemandMobility.Routing.Geometry;

/// <summary>
/// Google's encoded polyline algorithm format (precision 5, i.e. 1e-5 degrees, as OSRM's default
/// <c>polyline</c> geometry): each coordinate delta is zig-zag encoded and written in 5-bit chunks + 63.
/// Source: Google Maps Platform, "Encoded Polyline Algorithm Format".
/// </summary>
public static class Polyline
{
    /// <summary>Encodes coordinates given in 1e-7 degrees at precision 5 (latitude first, as the format requires).</summary>
    public static string Encode(ReadOnlySpan<int> latitudesE7, ReadOnlySpan<int> longitudesE7)
    {
        var sb = new StringBuilder(latitudesE7.Length * 8);
        long prevLat = 0, prevLon = 0;
        for (int i = 0; i < latitudesE7.Length; i++)
        {
            long lat = RoundE7ToE5(latitudesE7[i]);
            long lon = RoundE7ToE5(longitudesE7[i]);
            Append(sb, lat - prevLat);
            Append(sb, lon - prevLon);
            prevLat = lat;
            prevLon = lon;
        }
        return sb.ToString();
    }

    /// <summary>Decodes a precision-5 polyline into (latitude, longitude) pairs in degrees.</summary>
    public static IReadOnlyList<(double Lat, double Lon)> Decode(string encoded)
    {
        var result = new List<(double, double)>();
        int index = 0;
        long lat = 0, lon = 0;
        while (index < encoded.Length)
        {
            lat += ReadValue(encoded, ref index);
            lon += ReadValue(encoded, ref index);
            result.Add((lat / 1e5, lon / 1e5));
        }
        return result;
    }

    private static long RoundE7ToE5(int e7) => (long)Math.Round(e7 / 100.0, MidpointRounding.AwayFromZero);

    private static void Append(StringBuilder sb, long delta)
    {
        ulong v = (ulong)(delta < 0 ? ~(delta << 1) : delta << 1);
        while (v >= 0x20)
        {
            sb.Append((char)((0x20 | (int)(v & 0x1f)) + 63));
            v >>= 5;
        }
        sb.Append((char)((int)v + 63));
    }

    private static long ReadValue(string s, ref int index)
    {
        long result = 0;
        int shift = 0;
        int b;
        do
        {
            if (index >= s.Length) throw new FormatException("Encoded polyline ends in the middle of a value.");
            b = s[index++] - 63;
            result |= (long)(b & 0x1f) << shift;
            shift += 5;
        } while (b >= 0x20);
        return (result & 1) != 0 ? ~(result >> 1) : result >> 1;
    }
}
