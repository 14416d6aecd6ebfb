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
                    .Append(E(Time(run.DayEnd, run))).Append(" before the end of the simulated day; the figures below cover only the simulated part.</p>\n");
        }
        RunHeader(html, result, compareWith is null ? null : "A (this run)");
        if (compareWith is not null)
            RunHeader(html, compareWith, "B (baseline)");

        HeadlineSection(html, result, compareWith);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            OutcomeSection.Write(html, run, label);
        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            ParcelImpactSection.Write(html, run, label);
        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            PunctualitySection.Write(html, run, label);
        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            IncidentSection.Write(html, run, label);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            UnservedSection.Write(html, run, label);

        bool school = result.Trips.Any(t => t.Kind == TripKind.Pupil) && result.Trips.All(t => t.Kind == TripKind.Pupil);
        if (school && compareWith is null)
        {
            // A morning school run: when pupils arrive against the bell and how long each age group rides say more
            // than a wait chart (pupils ask by arrival time, so they have no wait) or a one-bar demand chart.
            html.Append("<h2>The morning run</h2>\n");
            Figure(html, XyChart.Render(SchoolCharts.ArrivalVsBell(result)), "school-arrivals",
                "each bar is the pupils of each school dropped off in that 2-minute interval, relative to the time they must arrive by (bell minus margin, the line at 0); bars right of 0 are late.");
            Figure(html, XyChart.Render(SchoolCharts.RideByAgeGroup(result)), "school-ride-by-age",
                "pupils delivered by minutes on board (5-min bars), one colour per age group; the dashed marks are each group's ride limit.");
            html.Append("<h2>Fleet</h2>\n");
            Figure(html, XyChart.Render(ReportCharts.FleetOverDay(result, null, nameA, nameB)), "fleet-over-day",
                "sampled every few minutes: pupils on board across the fleet, vehicles driving and vehicles on shift.");
        }
        else
        {
            html.Append("<h2>Demand and fleet</h2>\n");
            Figure(html, XyChart.Render(ReportCharts.DemandOverDay(result, compareWith, nameA, nameB)), "demand-over-day",
                compareWith is null
                    ? "each bar is the trips wanting to travel in that half hour (requested pickup, else latest arrival), coloured by what became of them; a tall non-green part shows when the service falls short."
                    : "requests (solid A, dashed B) and served trips per half hour by desired travel time; the gap between a run's two lines is its unserved demand.");
            Figure(html, XyChart.Render(ReportCharts.FleetOverDay(result, compareWith, nameA, nameB)), "fleet-over-day",
                "sampled every few minutes: persons and parcel items on board across the fleet, vehicles driving and vehicles on shift; moving close to on shift means the fleet is busy.");
            html.Append("<h2>Service quality</h2>\n");
            Figure(html, XyChart.Render(ReportCharts.WaitHistogram(result, compareWith, nameA, nameB)), "wait-histogram",
                "served departure requests by minutes between the time first asked for and the pickup (2-min bars); arrive-by trips have no wait. "
                + "Light bars: riders who were refused at that time and took a later alternative (up to riders.acceptable_wait_min later), whose planned wait (up to dispatch.max_wait_min) counts from the alternative, so their wait can exceed the maximum wait.");
            Figure(html, XyChart.Render(ReportCharts.RideHistogram(result, compareWith, nameA, nameB)), "ride-histogram",
                "served trips by minutes on board (5-min bars).");
            Figure(html, XyChart.Render(ReportCharts.DetourHistogram(result, compareWith, nameA, nameB)), "detour-histogram",
                "served trips by ride time divided by the direct drive time (1.0 = no detour; pooling makes it larger).");
        }

        html.Append("<h2>Vehicle map</h2>\n");
        const string mapHow = "one panel per duty group (vehicles of the same id prefix); each vehicle's driven road path in its own colour, its stops as dots, over the trips' origins (grey); settlements labelled; north is up, see the scale bar.";
        Figure(html, MapChart.Render("Vehicle paths and stops: " + nameA, result.Vehicles, result.Trips, PlacesOf(result)), "map", mapHow);
        if (compareWith is not null)
            Figure(html, MapChart.Render("Vehicle paths and stops: " + nameB, compareWith.Vehicles, compareWith.Trips, PlacesOf(compareWith)), "map-compare", mapHow);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            if (run.Trips.Any(t => t.Kind == TripKind.Pupil))
            {
                SchoolArrivalSection.Write(html, run, label);
                SchoolSection(html, SchoolBilling.Compute(run, schoolTariff ?? new SchoolTariff()), label, schoolTariff is null);
            }

        html.Append("<h2>All key figures</h2>\n<p class=\"how\">How to read: every figure of kpis.json, grouped; the key (grey) is its name in kpis.json, ")
            .Append("definitions in simulator/README.md.").Append(compareWith is null ? "" : " Differences are A − B (this run minus the baseline); shares differ in percentage points (pp).")
            .Append("</p>\n");
        KpiTable(html, result, compareWith);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            IssuesSection(html, run, label);

        foreach (var (run, label) in Runs(result, compareWith, nameA, nameB))
            DiagnosticsSection(html, run, label);

        html.Append("<footer>Written by the DemandMobility simulator. Times are local clock times of the scenario's time zone (")
            .Append(E(result.TimeZone ?? "offset " + result.DayStart.ToString("zzz", CultureInfo.InvariantCulture))).Append(").</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The run(s) of the report with the label appended to their section titles.</summary>
    private static (SimulationResult Run, string Label)[] Runs(SimulationResult a, SimulationResult? b, string nameA, string nameB) =>
        b is null ? [(a, "")] : [(a, " (" + nameA + ")"), (b, " (" + nameB + ")")];

    private static void RunHeader(StringBuilder html, SimulationResult r, string? label)
    {
        html.Append("<p class=\"meta\">").Append(label is null ? "" : "<b>" + label + "</b> ")
            .Append("Scenario <b>").Append(E(r.ScenarioName)).Append("</b> · seed ").Append(r.Seed.ToString(CultureInfo.InvariantCulture))
            .Append(" · mode ").Append(E(r.Mode)).Append(" · simulated ").Append(E(Time(r.DayStart, r)))
            .Append(" to ").Append(E(Time(r.DayEnd, r))).Append(" · ").Append(r.Trips.Length.ToString(CultureInfo.InvariantCulture)).Append(" trips, ")
            .Append(r.Vehicles.Length.ToString(CultureInfo.InvariantCulture)).Append(" vehicles · run took ")
            .Append(r.WallClockSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</p>\n");
    }

    private static void HeadlineSection(StringBuilder html, SimulationResult a, SimulationResult? b)
    {
        html.Append("<h2>Headline</h2>\n");
        var figures = Headline.Figures(a);
        if (figures.Count == 0)
        {
            html.Append("<p>No key figures were recorded.</p>\n");
            return;
        }
        var other = b is null ? null : Headline.Figures(b).ToDictionary(f => f.Label, StringComparer.Ordinal);
        html.Append("<table class=\"headline\">\n<thead><tr><th>decision figure</th>")
            .Append(b is null ? "<th>value</th>" : "<th>A (this run)</th><th>B (baseline)</th><th>A − B</th>").Append("</tr></thead>\n<tbody>\n");
        foreach (var f in figures)
        {
            html.Append("<tr><td>").Append(E(f.Label)).Append("<br><span class=\"key\">").Append(E(f.Keys)).Append("</span></td><td>").Append(E(f.Value)).Append("</td>");
            if (b is not null)
            {
                bool has = other!.TryGetValue(f.Label, out var g);
                html.Append("<td>").Append(has ? E(g!.Value) : "–").Append("</td><td>")
                    .Append(has && b.Kpis.TryGetValue(f.Primary.Key, out double vb) && a.Kpis.TryGetValue(f.Primary.Key, out double va)
                        ? E(KpiCatalog.FormatDifference(va, vb, f.Primary.Unit)) : "–").Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (a.Kpis.ContainsKey("cost_fixed_eur"))
            html.Append("<p class=\"how\">Cost model: per vehicle km + per vehicle hour on shift + a fixed cost per vehicle and day for the vehicles needed (scenario <code>costs</code>; defaults and their source in simulator/README.md). Cost per served trip divides the whole day's cost by the trips served.</p>\n");
        else if (a.Kpis.ContainsKey("cost_trip_fees_eur"))
            html.Append("<p class=\"how\">Cost model: the school tariff (see the school transport billing below; the same total as billing.csv and cost_eur in kpis.json).</p>\n");
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
        html.Append(b is null ? "<th>value</th>" : "<th>A (this run)</th><th>B (baseline)</th><th>A − B</th><th>change</th>").Append("</tr></thead>\n<tbody>\n");
        string? group = null;
        int columns = b is null ? 2 : 5;
        foreach (var info in KpiCatalog.Ordered(keys))
        {
            if (info.Group != group)
            {
                group = info.Group;
                html.Append("<tr class=\"group\"><th colspan=\"").Append(columns.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(E(group)).Append("</th></tr>\n");
            }
            bool hasA = a.Kpis.TryGetValue(info.Key, out double va);
            html.Append("<tr><td>").Append(E(info.Label)).Append(" <span class=\"key\">").Append(E(info.Key)).Append("</span></td><td>")
                .Append(hasA ? E(KpiCatalog.Format(va, info.Unit)) : "–").Append("</td>");
            if (b is not null)
            {
                bool hasB = b.Kpis.TryGetValue(info.Key, out double vb);
                html.Append("<td>").Append(hasB ? E(KpiCatalog.Format(vb, info.Unit)) : "–").Append("</td><td>")
                    .Append(hasA && hasB ? E(KpiCatalog.FormatDifference(va, vb, info.Unit)) : "–").Append("</td><td>")
                    .Append(hasA && hasB ? E(KpiCatalog.FormatChange(va, vb, info.Unit)) : "–").Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static IReadOnlyList<PlaceLabel> PlacesOf(SimulationResult r) => r.Places.IsDefault ? [] : r.Places;

    private static void SchoolSection(StringBuilder html, SchoolBillingReport bill, string label, bool defaultTariff)
    {
        html.Append("<h2>School transport billing").Append(E(label)).Append("</h2>\n<p>Tariff: ")
            .Append(Money(bill.Tariff.PerKm)).Append(" per km, ").Append(Money(bill.Tariff.PerHour)).Append(" per vehicle-hour, ")
            .Append(Money(bill.Tariff.PerTrip)).Append(" per pupil trip")
            .Append(defaultTariff ? " (default tariff: the scenario gave none)" : "")
            .Append(". Every vehicle that drove is billed. A route's distance and time cost is split over its pupils by their direct km (whole cents); the per-trip fee is charged per pupil. ")
            .Append("The total is cost_eur in kpis.json and the total line of billing.csv.</p>\n");
        html.Append("<p>Total ").Append(Money(bill.TotalCost)).Append(" for ").Append(bill.PupilsServed.ToString(CultureInfo.InvariantCulture))
            .Append(" pupils delivered (").Append(bill.PupilsServed > 0 ? Money(bill.TotalCost / bill.PupilsServed) : "–").Append(" per pupil)")
            .Append(bill.UnallocatedCost > 0 ? ", of which " + Money(bill.UnallocatedCost) + " for vehicles that drove but delivered no pupil" : "").Append(".</p>\n");
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

    private static string Time(DateTimeOffset t, SimulationResult r) => OutputTime.Local(t, r).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

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
        .key { color: #888; font-size: .8em; font-family: monospace; }
        tr.group th { background: #e8eef5; text-align: left; }
        table.headline { font-size: 1em; min-width: 60%; }
        table.headline td:first-child { font-weight: 600; }
        tr.best td { background: #d9f2e3; font-weight: 600; }

        """;
}
