using System.Globalization;
using System.Text;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// "Where does demand go unserved?": a map of rejected and declined requests binned by origin in hexagons (pointy-top
/// hex grid in map pixels; Birch, Oom &amp; Beecham, "Rectangular and hexagonal grids used for observation, experiment
/// and simulation in ecology", Ecological Modelling 206, 2007 — hexagons have the most even neighbourhoods), with
/// place names, and a table by village: requested, served, and not served by outcome and reason. Each request is
/// counted at the nearest named settlement to its origin (a Voronoi partition of the area by settlement).
/// </summary>
internal static class UnservedSection
{
    private const double Width = 760, Height = 520, HexRadius = 16;
    private const int MaxVillageRows = 40, MaxReasonColumns = 4;

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        var requests = r.Trips.Where(t => t.Kind != TripKind.Parcel).ToArray();
        var unserved = requests.Where(IsRefused).ToArray();
        html.Append("<h2>Where demand goes unserved").Append(HtmlReport.E(label)).Append("</h2>\n");
        if (requests.Length == 0)
        {
            html.Append("<p>No rider requests.</p>\n");
            return;
        }
        html.Append("<p>").Append(unserved.Length.ToString(CultureInfo.InvariantCulture)).Append(" of ")
            .Append(requests.Length.ToString(CultureInfo.InvariantCulture))
            .Append(" rider requests were rejected by the dispatcher or declined by the rider (cancellations and no-shows are the riders' choice and not mapped).</p>\n");
        var places = r.Places.IsDefault ? [] : r.Places;
        HtmlReport.Figure(html, Map(r, requests, unserved, places), "unserved-map",
            "each hexagon (about " + HexKm(r, requests).ToString("0.0", CultureInfo.InvariantCulture)
            + " km across) holds the rejected and declined requests starting in it, darker = more, with the count; grey dots are the origins of served requests. "
            + "Clusters at the edge of the area or far from the depot point at where more vehicles, another depot or a larger area would help.");
        VillageTable(html, requests, places);
    }

    private static bool IsRefused(TripRecord t) => t.Outcome is TripOutcome.Rejected or TripOutcome.Declined;

    private static double HexKm(SimulationResult r, TripRecord[] requests)
    {
        var frame = Frame(r, requests);
        return frame is null ? 0 : HexRadius * Math.Sqrt(3) * frame.MetresPerPixel / 1000;
    }

    private static MapFrame? Frame(SimulationResult r, TripRecord[] requests) =>
        MapFrame.Fit(requests.SelectMany(t => new[] { t.Origin, t.Destination }).Concat(r.Vehicles.SelectMany(v => v.Stops)), 12, 30, Width - 24, Height - 60);

    private static string Map(SimulationResult r, TripRecord[] requests, TripRecord[] unserved, IReadOnlyList<PlaceLabel> places)
    {
        using var svg = new SvgDocument(Width, Height, "Rejected and declined requests by origin");
        svg.Rect(0, 0, Width, Height, "#f6f5ef");
        svg.Text(Width / 2, 18, "Rejected and declined requests by origin", "middle", 13, bold: true);
        var frame = Frame(r, requests);
        if (frame is null)
        {
            svg.Text(Width / 2, Height / 2, "no positions to draw", "middle", 14, "#888");
            return svg.ToMarkup();
        }
        foreach (var t in requests)
        {
            if (t.Outcome != TripOutcome.Served || !t.Origin.IsValid) continue;
            var (x, y) = frame.Project(t.Origin);
            svg.Circle(x, y, 1.4, "#8a8a8a", opacity: 0.5);
        }

        // Pointy-top hexagons of circumradius R: rows 1.5 R apart, columns √3 R apart, odd rows shifted by half a column.
        var bins = new Dictionary<(int Col, int Row), List<TripRecord>>();
        double w = Math.Sqrt(3) * HexRadius, h = 1.5 * HexRadius;
        foreach (var t in unserved)
        {
            if (!t.Origin.IsValid) continue;
            var key = HexOf(frame.Project(t.Origin), w, h);
            if (!bins.TryGetValue(key, out var list)) bins[key] = list = [];
            list.Add(t);
        }
        int max = bins.Count == 0 ? 1 : bins.Values.Max(b => b.Count);
        foreach (var ((col, row), list) in bins.OrderBy(b => b.Key.Row).ThenBy(b => b.Key.Col))
        {
            double cx = col * w + (row & 1) * w / 2, cy = row * h;
            var corners = Enumerable.Range(0, 6).Select(i =>
            {
                double a = Math.PI / 180 * (60 * i - 30);
                return (cx + HexRadius * Math.Cos(a), cy + HexRadius * Math.Sin(a));
            }).ToList();
            double intensity = Math.Sqrt((double)list.Count / max);
            string reasons = string.Join(", ", list.GroupBy(Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            svg.Polygon(corners, Shade(intensity), "#7a2e00", 0.85, $"{list.Count} not served: {reasons}");
            if (list.Count > 1)
                svg.Text(cx, cy + 3.5, list.Count.ToString(CultureInfo.InvariantCulture), "middle", 9, intensity > 0.55 ? "#fff" : "#222");
        }
        frame.Places(svg, places);
        frame.ScaleBar(svg);
        svg.Text(Width - 12, Height - 8, "hexagons: rejected + declined requests by origin · grey: served origins", "end", 10, "#555");
        return svg.ToMarkup();
    }

    /// <summary>The hexagon (column, row) holding a pixel: the nearest of the candidate centres (exact for a pointy-top grid).</summary>
    private static (int, int) HexOf((double X, double Y) q, double w, double h)
    {
        int row0 = (int)Math.Floor(q.Y / h);
        (int, int) best = (0, 0);
        double bestD = double.MaxValue;
        for (int row = row0 - 1; row <= row0 + 1; row++)
        {
            double shift = (row & 1) * w / 2;
            int col0 = (int)Math.Floor((q.X - shift) / w);
            for (int col = col0; col <= col0 + 1; col++)
            {
                double dx = q.X - (col * w + shift), dy = q.Y - row * h, d = dx * dx + dy * dy;
                if (d < bestD)
                {
                    bestD = d;
                    best = (col, row);
                }
            }
        }
        return best;
    }

    /// <summary>Light to dark orange (sequential, ColorBrewer "Oranges").</summary>
    private static string Shade(double t)
    {
        string[] ramp = ["#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"];
        return ramp[Math.Clamp((int)Math.Floor(t * ramp.Length), 0, ramp.Length - 1)];
    }

    private static string Reason(TripRecord t) => (t.Outcome == TripOutcome.Declined ? "declined: " : "") + (t.Reason ?? "unknown");

    private static void VillageTable(StringBuilder html, TripRecord[] requests, IReadOnlyList<PlaceLabel> places)
    {
        if (places.Count == 0)
        {
            html.Append("<p class=\"how\">No place names in this result (they are read from the OSM extract by <code>dm simulate</code>), so there is no table by village.</p>\n");
            return;
        }
        var byPlace = requests.GroupBy(t => Nearest(t.Origin, places)).Select(g => new
        {
            Place = g.Key,
            Requested = g.Count(),
            Served = g.Count(t => t.Outcome == TripOutcome.Served),
            Reasons = g.Where(IsRefused).GroupBy(Reason).ToDictionary(x => x.Key, x => x.Count(), StringComparer.Ordinal),
            Other = g.Count(t => t.Outcome is TripOutcome.Cancelled or TripOutcome.NoShow or TripOutcome.Unfinished or TripOutcome.Disrupted),
        }).OrderByDescending(v => v.Reasons.Values.Sum()).ThenByDescending(v => v.Requested).ThenBy(v => v.Place, StringComparer.Ordinal).ToList();
        var reasonTotals = byPlace.SelectMany(v => v.Reasons).GroupBy(kv => kv.Key).Select(g => (Reason: g.Key, Count: g.Sum(kv => kv.Value)))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Reason, StringComparer.Ordinal).ToList();
        var columns = reasonTotals.Take(MaxReasonColumns).Select(x => x.Reason).ToList();
        bool otherReasons = reasonTotals.Count > columns.Count;

        html.Append("<p class=\"how\">How to read: requests by the settlement nearest to their origin, most unserved first; \"rejected\" columns are the dispatcher's reasons, ")
            .Append("\"declined\" the rider's; cancelled, no-show and unfinished are together in the last column.</p>\n")
            .Append("<table class=\"villages\" style=\"font-size:.8em\">\n<thead><tr><th>settlement</th><th>requested</th><th>served</th><th>served share</th>");
        foreach (string c in columns)
            html.Append("<th>").Append(HtmlReport.E((c.StartsWith("declined: ", StringComparison.Ordinal) ? c : "rejected: " + c).Replace('_', ' '))).Append("</th>");
        if (otherReasons) html.Append("<th>other reasons</th>");
        html.Append("<th>cancelled, no-show, unfinished</th></tr></thead>\n<tbody>\n");
        foreach (var v in byPlace.Take(MaxVillageRows))
        {
            html.Append("<tr><td>").Append(HtmlReport.E(v.Place)).Append("</td><td>").Append(Int(v.Requested)).Append("</td><td>").Append(Int(v.Served))
                .Append("</td><td>").Append(HtmlReport.Percent((double)v.Served / v.Requested)).Append("</td>");
            foreach (string c in columns)
                html.Append("<td>").Append(Int(v.Reasons.GetValueOrDefault(c))).Append("</td>");
            if (otherReasons)
                html.Append("<td>").Append(Int(v.Reasons.Where(kv => !columns.Contains(kv.Key)).Sum(kv => kv.Value))).Append("</td>");
            html.Append("<td>").Append(Int(v.Other)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (byPlace.Count > MaxVillageRows)
            html.Append("<p>… ").Append(Int(byPlace.Count - MaxVillageRows)).Append(" more settlements with fewer unserved requests.</p>\n");
    }

    /// <summary>The nearest named settlement to a point (straight line).</summary>
    internal static string Nearest(GeoPoint p, IReadOnlyList<PlaceLabel> places)
    {
        string best = "(unknown)";
        double bestD = double.MaxValue;
        foreach (var place in places)
        {
            double d = GeoMath.HaversineMetres(p, new GeoPoint(place.Latitude, place.Longitude));
            if (d < bestD)
            {
                bestD = d;
                best = place.Name;
            }
        }
        return best;
    }

    private static string Int(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
