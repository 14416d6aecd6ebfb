using System.Globalization;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report.Svg;

/// <summary>
/// The map of a run: each vehicle's driven road path and stops, over the trips' origins, projected
/// equirectangularly around the centre latitude (x = lon·cos φ₀, y = lat), which keeps shapes true at the
/// scale of a rural district. Paths are thinned to one point per pixel to keep the file small.
/// </summary>
internal static class MapChart
{
    private const double Width = 760, Height = 560, Margin = 24;

    public static string Render(string title, IReadOnlyList<VehicleTrack> vehicles, IReadOnlyList<TripRecord> trips)
    {
        using var svg = new SvgDocument(Width, Height, title);
        svg.Rect(0, 0, Width, Height, "#f8f8f4");
        svg.Text(Width / 2, 18, title, "middle", 13, bold: true);

        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        void Extend(GeoPoint p)
        {
            if (!p.IsValid)
                return;
            minLat = Math.Min(minLat, p.Latitude);
            maxLat = Math.Max(maxLat, p.Latitude);
            minLon = Math.Min(minLon, p.Longitude);
            maxLon = Math.Max(maxLon, p.Longitude);
        }
        foreach (var v in vehicles)
        {
            foreach (var p in v.Path)
                Extend(p);
            foreach (var p in v.Stops)
                Extend(p);
        }
        foreach (var t in trips)
        {
            Extend(t.Origin);
            Extend(t.Destination);
        }
        if (minLat > maxLat)
        {
            svg.Text(Width / 2, Height / 2, "no positions to draw", "middle", 14, "#888");
            return svg.ToMarkup();
        }

        double cos = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        double spanX = Math.Max((maxLon - minLon) * cos, 1e-6), spanY = Math.Max(maxLat - minLat, 1e-6);
        double top = 30;
        double scale = Math.Min((Width - 2 * Margin) / spanX, (Height - top - Margin - 20) / spanY);
        double offX = (Width - spanX * scale) / 2, offY = top + (Height - top - 20 - spanY * scale) / 2;
        (double X, double Y) Project(GeoPoint p) => (offX + (p.Longitude - minLon) * cos * scale, offY + (maxLat - p.Latitude) * scale);

        foreach (var t in trips)
        {
            if (!t.Origin.IsValid)
                continue;
            var (x, y) = Project(t.Origin);
            svg.Circle(x, y, 1.6, "#888", opacity: 0.5);
        }

        for (int i = 0; i < vehicles.Count; i++)
        {
            var v = vehicles[i];
            string colour = Palette.At(i);
            var points = new List<(double, double)>(v.Path.Length);
            (double X, double Y) last = (double.NaN, double.NaN);
            foreach (var p in v.Path)
            {
                if (!p.IsValid)
                    continue;
                var q = Project(p);
                if (points.Count > 0 && Math.Abs(q.X - last.X) < 1 && Math.Abs(q.Y - last.Y) < 1)
                    continue;
                points.Add(q);
                last = q;
            }
            svg.Polyline(points, colour, 1.6, opacity: 0.75,
                title: string.Create(CultureInfo.InvariantCulture, $"{v.VehicleId}: {v.Km:F1} km"));
            foreach (var s in v.Stops)
            {
                if (!s.IsValid)
                    continue;
                var (x, y) = Project(s);
                svg.Circle(x, y, 2.6, "#fff", colour);
            }
        }

        // Legend: the first vehicles with their colour and distance.
        const int legendRows = 12;
        for (int i = 0; i < Math.Min(vehicles.Count, legendRows); i++)
        {
            double y = 40 + i * 14;
            svg.Rect(8, y - 8, 150, 14, "#f8f8f4");
            svg.Line(10, y - 3, 24, y - 3, Palette.At(i), 2.5);
            svg.Text(28, y, string.Create(CultureInfo.InvariantCulture, $"{vehicles[i].VehicleId} · {vehicles[i].Km:F1} km"), size: 10);
        }
        if (vehicles.Count > legendRows)
            svg.Text(10, 40 + legendRows * 14, string.Create(CultureInfo.InvariantCulture, $"… {vehicles.Count - legendRows} more"), size: 10);

        // Scale bar: a round number of km about a fifth of the width.
        double metresPerPixel = 111_320.0 / scale;
        double barKm = XyChart.NiceStep(metresPerPixel * Width / 5 / 1000);
        double barPx = barKm * 1000 / metresPerPixel;
        svg.Line(Margin, Height - 12, Margin + barPx, Height - 12, "#222", 2);
        svg.Text(Margin + barPx + 6, Height - 8, XyChart.Format(barKm) + " km", size: 10);
        svg.Text(Width - Margin, Height - 8, "grey dots: trip origins · circles: stops · one colour per vehicle", "end", 10, "#555");
        return svg.ToMarkup();
    }
}
