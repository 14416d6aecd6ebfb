using System.Globalization;
using System.Text.RegularExpressions;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report.Svg;

/// <summary>
/// The vehicle map of a run: one panel per duty group (vehicles sharing an id prefix, e.g. <c>early-1…10</c> and
/// <c>late-1…10</c>), each vehicle's driven road path and stops in its own colour (distinct within the panel), over
/// the trips' origins, with place names, a scale bar and a full legend beside the map. Paths are thinned to one
/// point per pixel to keep the file small.
/// </summary>
internal static partial class MapChart
{
    private const double Width = 760, MapWidth = 580, MapHeight = 430, TitleHeight = 26, PanelGap = 10;
    private const double LegendX = MapWidth + 12, LegendRow = 13;

    public static string Render(string title, IReadOnlyList<VehicleTrack> vehicles, IReadOnlyList<TripRecord> trips, IReadOnlyList<PlaceLabel>? places = null)
    {
        var groups = vehicles.GroupBy(v => DutyGroup(v.VehicleId)).Select(g => (Name: g.Key, Vehicles: g.ToList())).ToList();
        if (groups.Count == 0) groups.Add(("vehicles", []));
        var panelHeights = groups.Select(g => Math.Max(MapHeight, 30 + g.Vehicles.Count * LegendRow)).ToList();
        double height = TitleHeight + panelHeights.Sum() + PanelGap * (groups.Count - 1) + 16;
        using var svg = new SvgDocument(Width, height, title);
        svg.Rect(0, 0, Width, height, "#ffffff");
        svg.Text(Width / 2, 18, title, "middle", 13, bold: true);

        var extent = vehicles.SelectMany(v => v.Path.Concat(v.Stops)).Concat(trips.SelectMany(t => new[] { t.Origin, t.Destination })).ToList();
        if (!extent.Any(p => p.IsValid))
        {
            svg.Text(Width / 2, height / 2, "no positions to draw", "middle", 14, "#888");
            return svg.ToMarkup();
        }

        double top = TitleHeight;
        for (int g = 0; g < groups.Count; g++)
        {
            var (name, members) = groups[g];
            double panelHeight = panelHeights[g];
            var frame = MapFrame.Fit(extent, 8, top + 18, MapWidth - 16, MapHeight - 26)!;
            svg.Rect(0, top, MapWidth, MapHeight, "#f6f5ef", stroke: "#ccc");
            svg.Text(10, top + 14, groups.Count > 1 ? $"duty group \"{name}\" ({members.Count} vehicles)" : $"{members.Count} vehicles", size: 11, bold: true);

            foreach (var t in trips)
            {
                if (!t.Origin.IsValid) continue;
                var (x, y) = frame.Project(t.Origin);
                svg.Circle(x, y, 1.4, "#999", opacity: 0.45);
            }
            var colours = Palette.Distinct(members.Count);
            for (int i = 0; i < members.Count; i++)
                DrawVehicle(svg, frame, members[i], colours[i]);
            // Names over the paths: their white halo keeps them readable.
            if (places is not null) frame.Places(svg, places);
            frame.ScaleBar(svg);

            // Legend: every vehicle of the panel, with its distance.
            svg.Text(LegendX, top + 14, "vehicle · km driven", size: 10, fill: "#555");
            for (int i = 0; i < members.Count; i++)
            {
                double y = top + 30 + i * LegendRow;
                svg.Line(LegendX, y - 3, LegendX + 16, y - 3, colours[i], 3);
                svg.Text(LegendX + 21, y, $"{members[i].VehicleId} · {MapFrame.Km(members[i].Km)}", size: 10);
            }
            top += panelHeight + PanelGap;
        }
        svg.Text(8, height - 4, "grey dots: trip origins · circles: stops · one colour per vehicle within a panel · dark dots: settlements", size: 10, fill: "#555");
        return svg.ToMarkup();
    }

    /// <summary>The duty group of a vehicle: its id without a trailing number ("early-3" → "early"; "bus" when it is all digits).</summary>
    internal static string DutyGroup(string vehicleId)
    {
        string prefix = TrailingNumber().Replace(vehicleId, "");
        return prefix.Length == 0 ? "bus" : prefix;
    }

    private static void DrawVehicle(SvgDocument svg, MapFrame frame, VehicleTrack v, string colour)
    {
        var points = new List<(double, double)>(v.Path.Length);
        (double X, double Y) last = (double.NaN, double.NaN);
        foreach (var p in v.Path)
        {
            if (!p.IsValid) continue;
            var q = frame.Project(p);
            if (points.Count > 0 && Math.Abs(q.X - last.X) < 1 && Math.Abs(q.Y - last.Y) < 1) continue;
            points.Add(q);
            last = q;
        }
        svg.Polyline(points, colour, 1.8, opacity: 0.8, title: string.Create(CultureInfo.InvariantCulture, $"{v.VehicleId}: {v.Km:F1} km"));
        foreach (var s in v.Stops)
        {
            if (!s.IsValid) continue;
            var (x, y) = frame.Project(s);
            svg.Circle(x, y, 2.4, "#fff", colour);
        }
    }

    [GeneratedRegex(@"[-_ ]?\d+$")]
    private static partial Regex TrailingNumber();
}
