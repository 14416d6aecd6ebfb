using System.Globalization;
using System.Net;
using System.Text;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// Writes the self-contained report.html of a run: header and a banner for partial runs, the KPI table, inline SVG
/// charts (demand over the day, fleet over the day, wait, ride-time and detour distributions), each with a "how to read"
/// caption, a map of the vehicles' paths and stops, the outcomes and rejection reasons, the parcels' effect on the riders
/// (when a parcel-free comparison ran), the school's arrival vs bell and bill when pupils were carried, the demand issues
/// and, if any, the run's diagnostics. No scripts, styles or fonts are
/// loaded from elsewhere; all text is HTML-escaped (SVG text is XML-escaped by the writer).
/// </summary>
public static class HtmlReport
{
    private const int MaxIssueRows = 500;
    private const int MaxPupilRows = 1000;

    /// <summary>Writes the report of <paramref name="result"/> to <paramref name="path"/>.</summary>
    /// <param name="result">The run to report.</param>
    /// <param name="path">The HTML file to write (its directory must exist).</param>
    /// <param name="compareWith">A second run: KPIs side by side with differences, charts overlaid (second run dashed).</param>
    /// <param name="schoolTariff">Tariff of the school bill; null uses the <see cref="SchoolTariff"/> defaults (the report says so).</param>
    public static void Write(SimulationResult result, string path, SimulationResult? compareWith = null, SchoolTariff? schoolTariff = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        File.WriteAllText(path, Render(result, compareWith, schoolTariff), new UTF8Encoding(false));
    }

    /// <summary>The report's HTML (what <see cref="Write"/> writes).</summary>
    public static string Render(SimulationResult result, SimulationResult? compareWith = null, SchoolTariff? schoolTariff = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder(64 * 1024);
        string nameA = compareWith is null ? result.ScenarioName : "A " + result.ScenarioName;
        string nameB = compareWith is null ? "" : "B " + compareWith.ScenarioName;
        string title = compareWith is null
            ? "Simulation report: " + result.ScenarioName
            : "Simulation comparison: " + result.ScenarioName + " vs " + compareWith.ScenarioName;

        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n");

        foreach (var run in compareWith is null ? [result] : new[] { result, compareWith })
        {
            if (!run.Completed)
                html.Append("<p class=\"banner\">Partial result: the run of ").Append(E(run.ScenarioName)).Append(" was stopped at ")
                    .Append(E(Time(run.DayEnd))).Append(" before the end of the simulated day; the figures below cover only the simulated part.</p>\n");
        }
        RunHeader(html, result, compareWith is null ? null : "A");
        if (compareWith is not null)
            RunHeader(html, compareWith, "B");

        html.Append("<h2>Key figures</h2>\n<p class=\"how\">How to read: keys as in kpis.json, the unit in the name (_s seconds, _km, _eur, _kg; ")
            .Append("_share 0–1); definitions in simulator/README.md.</p>\n");
        KpiTable(html, result, compareWith);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            OutcomeSection.Write(html, run, label);
        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            ParcelImpactSection.Write(html, run, label);
        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            PunctualitySection.Write(html, run, label);

        html.Append("<h2>Demand and fleet</h2>\n");
        Figure(html, XyChart.Render(ReportCharts.DemandOverDay(result, compareWith, nameA, nameB)), "demand-over-day",
            compareWith is null
                ? "each bar is the trips wanting to travel in that half hour (requested pickup, else latest arrival), coloured by what became of them; a tall non-green part shows when the service falls short."
                : "requests (solid A, dashed B) and served trips per half hour by desired travel time; the gap between a run's two lines is its unserved demand.");
        Figure(html, XyChart.Render(ReportCharts.FleetOverDay(result, compareWith, nameA, nameB)), "fleet-over-day",
            "sampled every few minutes: persons and parcel items on board across the fleet, vehicles driving and vehicles on shift; moving close to on shift means the fleet is busy.");
        html.Append("<h2>Service quality</h2>\n");
        Figure(html, XyChart.Render(ReportCharts.WaitHistogram(result, compareWith, nameA, nameB)), "wait-histogram",
            "served departure requests by minutes between the requested time and the pickup (2-min bars); arrive-by trips have no wait.");
        Figure(html, XyChart.Render(ReportCharts.RideHistogram(result, compareWith, nameA, nameB)), "ride-histogram",
            "served trips by minutes on board (5-min bars).");
        Figure(html, XyChart.Render(ReportCharts.DetourHistogram(result, compareWith, nameA, nameB)), "detour-histogram",
            "served trips by ride time divided by the direct drive time (1.0 = no detour; pooling makes it larger).");

        html.Append("<h2>Map</h2>\n");
        const string mapHow = "each vehicle's driven road path in its own colour, its stops as dots, over the trips' origins (grey); north is up, see the scale bar.";
        Figure(html, MapChart.Render("Vehicle paths and stops: " + nameA, result.Vehicles, result.Trips), "map", mapHow);
        if (compareWith is not null)
            Figure(html, MapChart.Render("Vehicle paths and stops: " + nameB, compareWith.Vehicles, compareWith.Trips), "map-compare", mapHow);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            if (run.Trips.Any(t => t.Kind == TripKind.Pupil))
            {
                SchoolArrivalSection.Write(html, run, label);
                SchoolSection(html, SchoolBilling.Compute(run, schoolTariff ?? new SchoolTariff()), label, schoolTariff is null);
            }

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            IssuesSection(html, run, label);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            DiagnosticsSection(html, run, label);

        html.Append("<footer>Written by the DemandMobility simulator. Times are on the simulated clock.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The run(s) of the report with the label appended to their section titles.</summary>
    private static (SimulationResult Run, string Label)[] Runs(SimulationResult a, SimulationResult? b, string nameA, string nameB) =>
        b is null ? [(a, "")] : [(a, " (" + nameA + ")"), (b, " (" + nameB + ")")];

    private static void RunHeader(StringBuilder html, SimulationResult r, string? label)
    {
        html.Append("<p class=\"meta\">").Append(label is null ? "" : "<b>" + label + "</b> ")
            .Append("Scenario <b>").Append(E(r.ScenarioName)).Append("</b> · seed ").Append(r.Seed.ToString(CultureInfo.InvariantCulture))
            .Append(" · mode ").Append(E(r.Mode)).Append(" · simulated ").Append(E(r.DayStart.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
            .Append(" to ").Append(E(Time(r.DayEnd))).Append(" · ").Append(r.Trips.Length.ToString(CultureInfo.InvariantCulture)).Append(" trips, ")
            .Append(r.Vehicles.Length.ToString(CultureInfo.InvariantCulture)).Append(" vehicles · run took ")
            .Append(r.WallClockSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</p>\n");
    }

    private static void KpiTable(StringBuilder html, SimulationResult a, SimulationResult? b)
    {
        var keys = new SortedSet<string>(a.Kpis.Keys, StringComparer.Ordinal);
        if (b is not null)
            keys.UnionWith(b.Kpis.Keys);
        if (keys.Count == 0)
        {
            html.Append("<p>No key figures were recorded.</p>\n");
            return;
        }
        html.Append("<table class=\"kpis\">\n<thead><tr><th>key figure</th>");
        html.Append(b is null ? "<th>value</th>" : "<th>A</th><th>B</th><th>B − A</th><th>change</th>").Append("</tr></thead>\n<tbody>\n");
        foreach (string key in keys)
        {
            bool hasA = a.Kpis.TryGetValue(key, out double va);
            html.Append("<tr><td>").Append(E(key)).Append("</td><td>").Append(hasA ? Number(va) : "–").Append("</td>");
            if (b is not null)
            {
                bool hasB = b.Kpis.TryGetValue(key, out double vb);
                html.Append("<td>").Append(hasB ? Number(vb) : "–").Append("</td><td>")
                    .Append(hasA && hasB ? Signed(vb - va) : "–").Append("</td><td>")
                    .Append(hasA && hasB && va != 0 ? Signed((vb - va) / Math.Abs(va) * 100) + " %" : "–").Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void SchoolSection(StringBuilder html, SchoolBillingReport bill, string label, bool defaultTariff)
    {
        html.Append("<h2>School transport billing").Append(E(label)).Append("</h2>\n<p>Tariff: ")
            .Append(Money(bill.Tariff.PerKm)).Append(" per km, ").Append(Money(bill.Tariff.PerHour)).Append(" per vehicle-hour, ")
            .Append(Money(bill.Tariff.PerTrip)).Append(" per pupil trip")
            .Append(defaultTariff ? " (default tariff: the scenario gave none)" : "")
            .Append(". A route's distance and time cost is split over its pupils by their direct km; the per-trip fee is charged per pupil.</p>\n");
        html.Append("<p>Total ").Append(Money(bill.TotalCost)).Append(" for ").Append(bill.PupilsServed.ToString(CultureInfo.InvariantCulture))
            .Append(" pupils delivered (").Append(bill.PupilsServed > 0 ? Money(bill.TotalCost / bill.PupilsServed) : "–").Append(" per pupil).</p>\n");
        html.Append("<table>\n<thead><tr><th>route (vehicle)</th><th>km</th><th>minutes</th><th>pupils</th><th>cost</th></tr></thead>\n<tbody>\n");
        foreach (var r in bill.Routes)
            html.Append("<tr><td>").Append(E(r.VehicleId)).Append("</td><td>").Append(Fixed(r.Km, 1)).Append("</td><td>").Append(Fixed(r.Minutes, 0))
                .Append("</td><td>").Append(r.Pupils.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Money(r.Cost)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        html.Append("<details><summary>Per pupil (").Append(bill.Pupils.Length.ToString(CultureInfo.InvariantCulture)).Append(")</summary>\n<table>\n<thead><tr><th>pupil</th><th>group</th><th>vehicle</th><th>outcome</th><th>direct km</th><th>ride min</th><th>cost</th></tr></thead>\n<tbody>\n");
        foreach (var p in bill.Pupils.Take(MaxPupilRows))
            html.Append("<tr><td>").Append(E(p.TripId)).Append("</td><td>").Append(E(p.Group ?? "")).Append("</td><td>").Append(E(p.VehicleId ?? ""))
                .Append("</td><td>").Append(E(p.Outcome.ToString())).Append("</td><td>").Append(p.DirectKm is { } km ? Fixed(km, 1) : "–")
                .Append("</td><td>").Append(p.RideMinutes is { } m ? Fixed(m, 0) : "–").Append("</td><td>").Append(Money(p.AllocatedCost)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        if (bill.Pupils.Length > MaxPupilRows)
            html.Append("<p>… ").Append((bill.Pupils.Length - MaxPupilRows).ToString(CultureInfo.InvariantCulture)).Append(" more pupils in the billing CSV.</p>\n");
        html.Append("</details>\n");
    }

    private static void IssuesSection(StringBuilder html, SimulationResult r, string label)
    {
        html.Append("<h2>Demand issues").Append(E(label)).Append("</h2>\n");
        if (r.DemandIssues.IsEmpty)
        {
            html.Append("<p>None: every demand row was used.</p>\n");
            return;
        }
        html.Append("<p>").Append(r.DemandIssues.Length.ToString(CultureInfo.InvariantCulture)).Append(" issue(s) while reading or generating demand.</p>\n")
            .Append("<table>\n<thead><tr><th>source</th><th>line</th><th>problem</th></tr></thead>\n<tbody>\n");
        foreach (var issue in r.DemandIssues.Take(MaxIssueRows))
            html.Append("<tr><td>").Append(E(issue.Source)).Append("</td><td>").Append(issue.Line?.ToString(CultureInfo.InvariantCulture) ?? "–")
                .Append("</td><td>").Append(E(issue.Message)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        if (r.DemandIssues.Length > MaxIssueRows)
            html.Append("<p>… and ").Append((r.DemandIssues.Length - MaxIssueRows).ToString(CultureInfo.InvariantCulture)).Append(" more.</p>\n");
    }

    private static void DiagnosticsSection(StringBuilder html, SimulationResult r, string label)
    {
        // Shown only when something went wrong: dispatcher calls the simulator did not expect to fail.
        if (r.Diagnostics.IsDefaultOrEmpty)
            return;
        html.Append("<h2>Run diagnostics").Append(E(label)).Append("</h2>\n<p>Dispatcher calls that failed unexpectedly during the run:</p>\n<ul>\n");
        foreach (string line in r.Diagnostics)
            html.Append("<li>").Append(E(line)).Append("</li>\n");
        html.Append("</ul>\n");
    }

    /// <summary>A chart with its "how to read" caption.</summary>
    internal static void Figure(StringBuilder html, string svg, string id, string howToRead) =>
        html.Append("<figure id=\"").Append(id).Append("\">\n").Append(svg).Append("\n<figcaption class=\"how\">How to read: ")
            .Append(E(howToRead)).Append("</figcaption>\n</figure>\n");

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    internal static string Number(double v) =>
        !double.IsFinite(v) ? "–"
        : Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e12 ? Math.Round(v).ToString("#,0", CultureInfo.InvariantCulture)
        : v.ToString(Math.Abs(v) >= 100 ? "#,0.0" : "0.###", CultureInfo.InvariantCulture);

    internal static string Signed(double v) => (v > 0 ? "+" : "") + Number(v);

    private static string Fixed(double v, int decimals) => v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Money(double v) => v.ToString("#,0.00", CultureInfo.InvariantCulture) + " €";

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 820px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        .banner { background: #fff3cd; border: 1px solid #e0b400; padding: .6em .8em; font-weight: bold; }
        .meta { color: #444; font-size: .92em; }
        table { border-collapse: collapse; font-size: .9em; margin: .5em 0; }
        th, td { border: 1px solid #ddd; padding: .2em .6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: #f2f2f2; }
        figure { margin: 1em 0; }
        footer { margin-top: 2em; font-size: .8em; color: #777; }
        .how { color: #555; font-size: .88em; }
        td.text { text-align: left; }

        """;
}
