using System.Globalization;
using DemandMobility.Routing.Geometry;

namespace DemandMobility.Cli.Routing;

/// <summary>One input point of <c>dm matrix</c>.</summary>
/// <param name="Id">The point's id from the CSV.</param>
/// <param name="Coordinate">Its coordinate.</param>
/// <param name="Line">1-based line number in the file, for messages.</param>
internal sealed record CsvPoint(string Id, GeoCoordinate Coordinate, int Line);

/// <summary>Reads the <c>id,lon,lat</c> points CSV; errors name the file, line and field.</summary>
internal static class PointsCsv
{
    public const string Header = "id,lon,lat";

    /// <summary>Parses the file; on the first bad line returns null and a message "file:line: problem".</summary>
    public static IReadOnlyList<CsvPoint>? Read(string path, out string error)
    {
        error = "";
        if (!File.Exists(path)) { error = $"{path}: file not found"; return null; }
        var points = new List<CsvPoint>();
        int lineNo = 0;
        bool headerSeen = false;
        foreach (string raw in File.ReadLines(path))
        {
            lineNo++;
            string line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0) continue;
            if (!headerSeen)
            {
                if (!string.Equals(string.Join(",", line.Split(',').Select(s => s.Trim())), Header, StringComparison.OrdinalIgnoreCase))
                {
                    error = $"{path}:{lineNo}: expected the header '{Header}' but found '{raw}'";
                    return null;
                }
                headerSeen = true;
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                error = $"{path}:{lineNo}: expected 3 fields (id,lon,lat) but found {fields.Length}: '{raw}'";
                return null;
            }
            string id = fields[0].Trim();
            if (id.Length == 0) { error = $"{path}:{lineNo}: field 'id' is empty"; return null; }
            if (!TryNumber(fields[1], -180, 180, out double lon)) { error = $"{path}:{lineNo}: field 'lon' value '{fields[1].Trim()}' is not a longitude between -180 and 180"; return null; }
            if (!TryNumber(fields[2], -90, 90, out double lat)) { error = $"{path}:{lineNo}: field 'lat' value '{fields[2].Trim()}' is not a latitude between -90 and 90"; return null; }
            points.Add(new CsvPoint(id, new GeoCoordinate(lat, lon), lineNo));
        }
        if (!headerSeen) { error = $"{path}: empty file, expected the header '{Header}'"; return null; }
        return points;
    }

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && !double.IsNaN(value) && value >= min && value <= max;
}
