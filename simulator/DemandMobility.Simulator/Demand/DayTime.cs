using System.Globalization;

namespace DemandMobility.Simulator.Demand;

/// <summary>Reads the "HH:mm" times of the demand section and of demand files.</summary>
internal static class DayTime
{
    /// <summary>Parses "H:mm" or "HH:mm[:ss]" (hours 0–47, so a night service may run past midnight) to an offset from the day start.</summary>
    public static bool TryParse(string text, out TimeSpan offset)
    {
        offset = default;
        var parts = text.Trim().Split(':');
        if (parts.Length is < 2 or > 3)
            return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int h) || h > 47)
            return false;
        if (parts[1].Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int m) || m > 59)
            return false;
        int s = 0;
        if (parts.Length == 3 && (parts[2].Length != 2 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out s) || s > 59))
            return false;
        offset = new TimeSpan(h, m, s);
        return true;
    }
}
