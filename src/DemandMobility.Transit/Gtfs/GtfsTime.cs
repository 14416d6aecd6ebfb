namespace DemandMobility.Transit.Gtfs;

/// <summary>GTFS times of day: <c>H:MM:SS</c> or <c>HH:MM:SS</c>, hours beyond 23 for trips past midnight.</summary>
public static class GtfsTime
{
    /// <summary>Parses a time to seconds after the service day's start; false when malformed.</summary>
    public static bool TryParse(ReadOnlySpan<char> s, out int seconds)
    {
        seconds = 0;
        int c1 = s.IndexOf(':');
        if (c1 < 1 || c1 > 3 || s.Length != c1 + 6 || s[c1 + 3] != ':') return false;
        int h = 0;
        for (int i = 0; i < c1; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
            h = h * 10 + (s[i] - '0');
        }
        if (!Two(s[(c1 + 1)..], out int m) || !Two(s[(c1 + 4)..], out int sec) || m > 59 || sec > 59) return false;
        seconds = h * 3600 + m * 60 + sec;
        return true;
    }

    private static bool Two(ReadOnlySpan<char> s, out int v)
    {
        v = 0;
        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1])) return false;
        v = (s[0] - '0') * 10 + (s[1] - '0');
        return true;
    }

    /// <summary>Formats seconds as HH:MM:SS (hours may exceed 23).</summary>
    public static string Format(int seconds) => $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}";
}
