using System.Globalization;
using System.Net;
using System.Text;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Sweep;

/// <summary>
/// The output of a sweep: <c>report.html</c> (the answer — the point meeting the target —, charts of served share,
/// waits and cost per trip against the first swept parameter with the spread over seeds as whiskers, and a table of
/// every grid point), <c>sweep.csv</c> (one row per run: parameters, seed, every key figure) and
/// <c>sweep_summary.csv</c> (one row per grid point: mean, min and max over the seeds of the decision figures).
/// </summary>
public static class SweepReport
{
    /// <summary>The decision figures of the summary (kpis.json keys).</summary>
    public static readonly string[] SummaryKeys =
    [
        "served_share", "wait_p50_s", "wait_p95_s", "detour_factor_mean", "pickups_in_window_share", "vehicle_hours",
        "passengers_per_vehicle_hour", "cost_eur", "cost_per_trip_eur", "cost_per_passenger_km_eur", "co2_kg",
    ];

    /// <summary>Writes the files into <paramref name="directory"/> (created); returns their paths.</summary>
    public static IReadOnlyList<string> Write(SweepResult sweep, string directory)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        Directory.CreateDirectory(directory);
        string html = Path.Combine(directory, "report.html"), runs = Path.Combine(directory, "sweep.csv"), summary = Path.Combine(directory, "sweep_summary.csv");
        File.WriteAllText(html, Render(sweep), new UTF8Encoding(false));
        File.WriteAllText(runs, RunsCsv(sweep));
        File.WriteAllText(summary, SummaryCsv(sweep));
        return [html, runs, summary];
    }

    /// <summary>One line per run: the parameters, the seed, completed, wall time, then every key figure (sorted keys).</summary>
    public static string RunsCsv(SweepResult sweep)
    {
        var keys = sweep.Points.SelectMany(p => p.Runs).SelectMany(r => r.Kpis.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', sweep.Axes.Select(a => a.Name).Concat(["seed", "completed", "wall_clock_s"]).Concat(keys)).Append('\n');
        foreach (var point in sweep.Points)
            foreach (var run in point.Runs)
            {
                sb.AppendJoin(',', point.Values.Select(v => v.Value.Text)
                    .Concat([run.Seed.ToString(CultureInfo.InvariantCulture), run.Completed ? "true" : "false", Num(run.WallClockSeconds)])
                    .Concat(keys.Select(k => run.Kpis.TryGetValue(k, out double v) ? Num(v) : ""))).Append('\n');
            }
        return sb.ToString();
    }

    /// <summary>One line per grid point: parameters, seeds, meets_target, best, then mean/min/max of <see cref="SummaryKeys"/>.</summary>
    public static string SummaryCsv(SweepResult sweep)
    {
        var keys = SummaryKeys.Where(k => sweep.Points.Any(p => p.Of(k) is not null)).ToList();
        var sb = new StringBuilder();
        sb.AppendJoin(',', sweep.Axes.Select(a => a.Name).Concat(["seeds", "meets_target", "seeds_meeting_target", "recommended"])
            .Concat(keys.SelectMany(k => new[] { k + "_mean", k + "_min", k + "_max" }))).Append('\n');
        for (int i = 0; i < sweep.Points.Length; i++)
        {
            var p = sweep.Points[i];
            sb.AppendJoin(',', p.Values.Select(v => v.Value.Text)
                .Concat([p.Runs.Length.ToString(CultureInfo.InvariantCulture), sweep.Target is null ? "" : Yes(p.MeetsTarget),
                    sweep.Target is null ? "" : p.SeedsMeetingTarget.ToString(CultureInfo.InvariantCulture), Yes(sweep.Best == i)])
                .Concat(keys.SelectMany(k => p.Of(k) is { } s ? new[] { Num(s.Mean), Num(s.Min), Num(s.Max) } : ["", "", ""]))).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>The comparison report's HTML.</summary>
    public static string Render(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var html = new StringBuilder(32 * 1024);
        string title = "Sweep: " + sweep.ScenarioName + (sweep.Axes.IsEmpty ? "" : " over " + string.Join(" × ", sweep.Axes.Select(a => a.Name)));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
            .Append(Css).Append("</style>\n</head>\n<body>\n<h1>").Append(E(title)).Append("</h1>\n");
        int runs = sweep.Points.Sum(p => p.Runs.Length);
        html.Append("<p class=\"meta\">").Append(sweep.Points.Length.ToString(CultureInfo.InvariantCulture)).Append(" grid point(s) × ")
            .Append(sweep.Seeds.Length.ToString(CultureInfo.InvariantCulture)).Append(" seed(s) (")
            .Append(string.Join(", ", sweep.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)))).Append(") = ")
            .Append(runs.ToString(CultureInfo.InvariantCulture)).Append(" simulated days, ").Append(sweep.Parallelism.ToString(CultureInfo.InvariantCulture))
            .Append(" at a time, in ").Append(sweep.WallClockSeconds.ToString("0", CultureInfo.InvariantCulture)).Append(" s. ")
            .Append("Every point runs the same seeds, so it sees the same requests and riders: differences between points come from the parameters.</p>\n");
        if (sweep.Points.Any(p => p.Runs.Any(r => !r.Completed)))
            html.Append("<p class=\"banner\">Some runs were stopped early: their figures are partial.</p>\n");

        Answer(html, sweep);
        if (sweep.Axes.Length > 0)
        {
            html.Append("<h2>Against ").Append(E(sweep.Axes[0].Description)).Append("</h2>\n");
            string spread = "dots are the mean over the seeds, whiskers the lowest and highest seed";
            string lines = sweep.Axes.Length > 1 ? "; one line per combination of " + string.Join(", ", sweep.Axes.Skip(1).Select(a => a.Name)) : "";
            Figure(html, XyChart.Render(Chart(sweep, "Served share", "served share (%)", [("served_share", "served", 100)])), "sweep-served",
                spread + lines + TargetNote(sweep, "served_share") + ".");
            Figure(html, XyChart.Render(Chart(sweep, "Wait of served trips", "wait (min)", [("wait_p50_s", "wait p50", 1 / 60.0), ("wait_p95_s", "wait p95", 1 / 60.0)])), "sweep-wait",
                spread + lines + TargetNote(sweep, "wait_p95_s") + ".");
            Figure(html, XyChart.Render(Chart(sweep, "Cost per served trip", "cost per served trip (€)", [("cost_per_trip_eur", "cost per trip", 1)])), "sweep-cost",
                spread + lines + "; the whole day's cost divided by the trips served (cost model in simulator/README.md)" + TargetNote(sweep, "cost_per_trip_eur") + ".");
        }
        Table(html, sweep);
        html.Append("<footer>Written by the DemandMobility simulator; every run's figures are in sweep.csv, the means and spreads in sweep_summary.csv.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Answer(StringBuilder html, SweepResult sweep)
    {
        if (sweep.Target is not { } target) return;
        html.Append("<h2>Answer</h2>\n<p class=\"answer\">Target: ").Append(E(Describe(target))).Append(" (mean over the seeds).<br>");
        if (sweep.Best is { } best)
        {
            var p = sweep.Points[best];
            bool fleet = sweep.Axes.Any(a => a.Name == "fleet");
            html.Append("<b>").Append(fleet ? "Smallest fleet meeting it: " : "Cheapest point meeting it: ").Append(E(p.Label)).Append("</b> — ")
                .Append(E(Figures(p))).Append("; met by ").Append(p.SeedsMeetingTarget.ToString(CultureInfo.InvariantCulture)).Append(" of ")
                .Append(p.Runs.Length.ToString(CultureInfo.InvariantCulture)).Append(" seeds on their own.");
        }
        else
        {
            html.Append("<b>No grid point meets the target.</b>");
            var closest = sweep.Points.OrderByDescending(p => target.Conditions.Count(c => p.Of(c.Key) is { } s && c.IsMet(s.Mean))).ThenByDescending(p => p.Of("served_share")?.Mean ?? 0).FirstOrDefault();
            if (closest is not null)
                html.Append(" Closest: ").Append(E(closest.Label)).Append(" — ").Append(E(Figures(closest))).Append('.');
        }
        html.Append("</p>\n");
    }

    private static string Figures(SweepPoint p)
    {
        var parts = new List<string>();
        void Add(string key, string label)
        {
            if (p.Of(key) is { } s) parts.Add(label + " " + KpiCatalog.Format(s.Mean, KpiCatalog.Describe(key).Unit));
        }
        Add("served_share", "served");
        Add("wait_p95_s", "wait p95");
        Add("cost_per_trip_eur", "cost per trip");
        Add("vehicle_hours", "vehicle hours");
        return string.Join(", ", parts);
    }

    private static string Describe(SweepTarget target) =>
        string.Join(" and ", target.Conditions.Select(c => KpiCatalog.Describe(c.Key).Label.ToLowerInvariant() + " " + Op(c.Operator) + " "
            + KpiCatalog.Format(c.Bound, KpiCatalog.Describe(c.Key).Unit) + " (" + c.Key + ")"));

    private static string Op(string op) => op switch { ">=" => "≥", "<=" => "≤", _ => op };

    private static string TargetNote(SweepResult sweep, string key) =>
        sweep.Target?.Conditions.Any(c => c.Key == key) == true ? "; the grey dashed line is the target" : "";

    private static ChartSpec Chart(SweepResult sweep, string title, string yLabel, (string Key, string Name, double Scale)[] figures)
    {
        var axis = sweep.Axes[0];
        int n = axis.Values.Length;
        var groups = sweep.Points.GroupBy(p => string.Join(", ", p.Values.Skip(1).Select(v => v.Name + "=" + v.Value.Text))).ToList();
        var colours = Palette.Distinct(groups.Count * figures.Length);
        var series = new List<ChartSeries>();
        int c = 0;
        foreach (var group in groups)
            foreach (var (key, name, scale) in figures)
            {
                var pts = group.Select(p => (X: axis.Values.IndexOf(p.Values[0].Value), S: p.Of(key))).Where(x => x.S is not null).OrderBy(x => x.X).ToList();
                if (pts.Count == 0) continue;
                string label = group.Key.Length == 0 ? name : name + " (" + group.Key + ")";
                series.Add(new ChartSeries(label, colours[c++ % colours.Length], SeriesKind.Line, [.. pts.Select(x => x.S!.Mean * scale)], [.. pts.Select(x => (double)x.X)],
                    Low: [.. pts.Select(x => x.S!.Min * scale)], High: [.. pts.Select(x => x.S!.Max * scale)]));
            }
        foreach (var condition in sweep.Target?.Conditions ?? [])
            foreach (var (key, _, scale) in figures)
                if (condition.Key == key)
                    series.Add(new ChartSeries("target " + Op(condition.Operator) + " " + XyChart.Format(Math.Round(condition.Bound * scale, 2)), "#888888", SeriesKind.Line,
                        [condition.Bound * scale, condition.Bound * scale], [-0.5, n - 0.5], Dashed: true));
        if (sweep.Best is { } best)
        {
            double x = axis.Values.IndexOf(sweep.Points[best].Values[0].Value);
            double top = series.SelectMany(s => s.High ?? s.Y).DefaultIfEmpty(1).Max();
            series.Add(new ChartSeries("recommended: " + sweep.Points[best].Label, Palette.Served, SeriesKind.Line, [0, top], [x, x], Dashed: true));
        }
        return new ChartSpec(title + " against " + axis.Description, axis.Description, yLabel, -0.5, n - 0.5, -0.5, 1,
            x => x >= 0 && x < n && Math.Abs(x - Math.Round(x)) < 1e-9 ? axis.Values[(int)Math.Round(x)].Text : "", series, 1);
    }

    private static void Table(StringBuilder html, SweepResult sweep)
    {
        html.Append("<h2>Every grid point</h2>\n<p class=\"how\">How to read: mean over the seeds, the range (lowest–highest seed) below it.")
            .Append(sweep.Best is null ? "" : " The recommended point is highlighted.").Append("</p>\n<table class=\"sweep\">\n<thead><tr>");
        foreach (var a in sweep.Axes) html.Append("<th>").Append(E(a.Name)).Append("</th>");
        string[] keys = ["served_share", "wait_p50_s", "wait_p95_s", "pickups_in_window_share", "vehicle_hours", "passengers_per_vehicle_hour", "cost_per_trip_eur", "cost_per_passenger_km_eur"];
        keys = [.. keys.Where(k => sweep.Points.Any(p => p.Of(k) is not null))];
        foreach (string k in keys) html.Append("<th>").Append(E(KpiCatalog.Describe(k).Label)).Append("</th>");
        if (sweep.Target is not null) html.Append("<th>meets target</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < sweep.Points.Length; i++)
        {
            var p = sweep.Points[i];
            html.Append(sweep.Best == i ? "<tr class=\"best\">" : "<tr>");
            foreach (var (_, v) in p.Values) html.Append("<td>").Append(E(v.Text)).Append("</td>");
            foreach (string k in keys)
            {
                var unit = KpiCatalog.Describe(k).Unit;
                html.Append("<td>");
                if (p.Of(k) is { } s)
                {
                    html.Append(E(KpiCatalog.Format(s.Mean, unit)));
                    if (p.Runs.Length > 1) html.Append("<br><span class=\"range\">").Append(E(KpiCatalog.Format(s.Min, unit) + " – " + KpiCatalog.Format(s.Max, unit))).Append("</span>");
                }
                else html.Append('–');
                html.Append("</td>");
            }
            if (sweep.Target is not null)
                html.Append("<td>").Append(p.MeetsTarget ? "yes" : "no").Append(" (").Append(p.SeedsMeetingTarget.ToString(CultureInfo.InvariantCulture)).Append('/')
                    .Append(p.Runs.Length.ToString(CultureInfo.InvariantCulture)).Append(" seeds)</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void Figure(StringBuilder html, string svg, string id, string how) =>
        html.Append("<figure id=\"").Append(id).Append("\">\n").Append(svg).Append("\n<figcaption class=\"how\">How to read: ").Append(E(how)).Append("</figcaption>\n</figure>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Yes(bool b) => b ? "yes" : "no";

    private static string Num(double v) => double.IsFinite(v) ? Math.Round(v, 6).ToString("0.######", CultureInfo.InvariantCulture) : "";

    private const string Css = """
        body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 820px; color: #222; line-height: 1.4; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        .banner { background: #fff3cd; border: 1px solid #e0b400; padding: .6em .8em; font-weight: bold; }
        .answer { background: #eef7f1; border: 1px solid #9fd3b2; padding: .6em .8em; }
        .meta { color: #444; font-size: .92em; }
        table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
        th, td { border: 1px solid #ddd; padding: .2em .5em; text-align: right; vertical-align: top; }
        thead th { background: #f2f2f2; }
        tr.best td { background: #d9f2e3; font-weight: 600; }
        .range { color: #777; font-size: .85em; font-weight: normal; }
        figure { margin: 1em 0; }
        footer { margin-top: 2em; font-size: .8em; color: #777; }
        .how { color: #555; font-size: .88em; }

        """;
}
