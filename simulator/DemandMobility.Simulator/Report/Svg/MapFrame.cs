using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report.Svg;

/// <summary>
/// The common frame of the report's maps: an equirectangular projection around the centre latitude
/// (x = lon·cos φ₀, y = lat, true shapes at the scale of a rural district) fitted into a pixel box, place names
/// from the extract placed largest first without overlapping (greedy label placement), a scale bar and a north arrow.
/// </summary>
internal sealed class MapFrame
{
    private readonly double _minLon, _maxLat, _cos, _scale, _offX, _offY;

    private MapFrame(double minLon, double maxLat, double cos, double scale, double offX, double offY, double left, double top, double width, double height)
    {
        (_minLon, _maxLat, _cos, _scale, _offX, _offY) = (minLon, maxLat, cos, scale, offX, offY);
        (Left, Top, Width, Height) = (left, top, width, height);
    }

    public double Left { get; }

    public double Top { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Metres per pixel at the centre latitude.</summary>
    public double MetresPerPixel => 111_320.0 / _scale;

    /// <summary>A frame fitting <paramref name="points"/> into the box; null when there is no valid point.</summary>
    public static MapFrame? Fit(IEnumerable<GeoPoint> points, double left, double top, double width, double height)
    {
        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        foreach (var p in points)
        {
            if (!p.IsValid) continue;
            minLat = Math.Min(minLat, p.Latitude);
            maxLat = Math.Max(maxLat, p.Latitude);
            minLon = Math.Min(minLon, p.Longitude);
            maxLon = Math.Max(maxLon, p.Longitude);
        }
        if (minLat > maxLat) return null;
        double cos = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        double spanX = Math.Max((maxLon - minLon) * cos, 1e-6), spanY = Math.Max(maxLat - minLat, 1e-6);
        double scale = Math.Min(width / spanX, height / spanY);
        double offX = left + (width - spanX * scale) / 2, offY = top + (height - spanY * scale) / 2;
        return new MapFrame(minLon, maxLat, cos, scale, offX, offY, left, top, width, height);
    }

    public (double X, double Y) Project(GeoPoint p) => (_offX + (p.Longitude - _minLon) * _cos * _scale, _offY + (_maxLat - p.Latitude) * _scale);

    public bool Inside((double X, double Y) q) => q.X >= Left - 1 && q.X <= Left + Width + 1 && q.Y >= Top - 1 && q.Y <= Top + Height + 1;

    /// <summary>
    /// Place names, largest settlement first; a label is skipped where it would overlap one already placed, so the
    /// map stays readable at any zoom. Cities and towns are bold; hamlets and single farms only where room is left.
    /// </summary>
    public void Places(SvgDocument svg, IReadOnlyList<PlaceLabel> places, int maxLabels = 60)
    {
        var placed = new List<(double X0, double Y0, double X1, double Y1)>();
        foreach (var place in places.OrderByDescending(p => p.Population).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            if (placed.Count >= maxLabels) break;
            var q = Project(new GeoPoint(place.Latitude, place.Longitude));
            if (!Inside(q)) continue;
            bool big = place.PlaceType is "city" or "town";
            double size = big ? 11 : place.PlaceType == "village" ? 9.5 : 8.5;
            double w = place.Name.Length * size * 0.55, h = size;
            var box = (q.X + 3, q.Y - h, q.X + 3 + w, q.Y + 2);
            if (box.Item3 > Left + Width) box = (q.X - 3 - w, q.Y - h, q.X - 3, q.Y + 2);
            if (placed.Any(b => b.X0 < box.Item3 && box.Item1 < b.X1 && b.Y0 < box.Item4 && box.Item2 < b.Y1)) continue;
            placed.Add(box);
            svg.Circle(q.X, q.Y, big ? 2.4 : 1.6, "#333");
            svg.Label(box.Item1, q.Y, place.Name, size, bold: big);
        }
    }

    /// <summary>A scale bar of a round number of km (about a fifth of the frame) at the bottom left, and a north arrow.</summary>
    public void ScaleBar(SvgDocument svg)
    {
        double barKm = XyChart.NiceStep(MetresPerPixel * Width / 5 / 1000);
        double barPx = barKm * 1000 / MetresPerPixel;
        double x = Left + 6, y = Top + Height - 8;
        svg.Rect(x - 4, y - 10, barPx + 48, 18, "#ffffff", stroke: null, opacity: 0.7);
        svg.Line(x, y, x + barPx, y, "#222", 2.5);
        svg.Line(x, y - 4, x, y + 2, "#222", 1.5);
        svg.Line(x + barPx, y - 4, x + barPx, y + 2, "#222", 1.5);
        svg.Text(x + barPx + 6, y + 4, XyChart.Format(barKm) + " km", size: 10);
        double nx = Left + Width - 14, ny = Top + 18;
        svg.Polygon([(nx, ny - 12), (nx - 5, ny + 2), (nx + 5, ny + 2)], "#222");
        svg.Text(nx, ny + 14, "N", "middle", 10, bold: true);
    }

    internal static string Km(double km) => km.ToString("F1", CultureInfo.InvariantCulture);
}
