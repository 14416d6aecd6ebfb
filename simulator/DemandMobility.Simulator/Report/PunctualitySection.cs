using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// The report's punctuality section: pickups inside the promised window, how late the late ones were, and the
/// broken promises by kind and by cause, with what each cause means for a planner.
/// </summary>
internal static class PunctualitySection
{
    private static readonly Dictionary<string, string> CauseMeanings = new(StringComparer.Ordinal)
    {
        ["traffic"] = "The vehicle drove slower than the router planned between the promise and the breach (noise or a road class slower than its profile): planning buffers or learned travel times help.",
        ["dwell"] = "Boardings and drop-offs took longer than planned (e.g. wheelchair ramps): plan dwell per passenger and wheelchair.",
        ["replanning"] = "The vehicle lost no time against its plan, yet the plan put the stop late after the promise (an insertion, a re-optimisation round or a late forecast).",
    };

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        var k = r.Kpis;
        if (!k.TryGetValue("pickups_in_window_share", out double share)) return;
        html.Append("<h2>Punctuality").Append(HtmlReport.E(label)).Append("</h2>\n")
            .Append("<p class=\"how\">How to read: a pickup is punctual when boarding starts inside the promised window; lateness is the time after the ")
            .Append("window's end (0 when punctual). A promise is broken by a late pickup, an arrive-by rider dropped off after the promised time, or ")
            .Append("a ride over its limit; its cause is what the serving vehicle lost against its plan since the promise.</p>\n")
            .Append("<table class=\"reasons\">\n<tbody>\n");
        Row(html, "pickups in window", HtmlReport.Percent(share));
        Row(html, "pickup lateness mean / p95 / max", $"{Seconds(k, "pickup_lateness_mean_s")} / {Seconds(k, "pickup_lateness_p95_s")} / {Seconds(k, "pickup_lateness_max_s")}");
        Row(html, "broken promises", $"{Count(k, "broken_promises")} ({HtmlReport.Percent(k.GetValueOrDefault("broken_promises_share"))} of served trips)");
        foreach (var p in PunctualityKpis.Promises) Row(html, "– " + p.Replace('_', ' '), Count(k, "broken_promises_" + p));
        html.Append("</tbody>\n</table>\n");
        if (k.GetValueOrDefault("broken_promises") == 0) return;
        html.Append("<table class=\"reasons\">\n<thead><tr><th>cause</th><th>broken promises</th><th>meaning</th></tr></thead>\n<tbody>\n");
        foreach (var c in PunctualityKpis.Causes)
            html.Append("<tr><td>").Append(HtmlReport.E(c)).Append("</td><td>").Append(Count(k, "broken_promises_" + c))
                .Append("</td><td class=\"text\">").Append(HtmlReport.E(CauseMeanings[c])).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(HtmlReport.E(name)).Append("</td><td>").Append(HtmlReport.E(value)).Append("</td></tr>\n");

    private static string Count(IReadOnlyDictionary<string, double> k, string key) =>
        k.GetValueOrDefault(key).ToString("0", CultureInfo.InvariantCulture);

    private static string Seconds(IReadOnlyDictionary<string, double> k, string key) =>
        k.GetValueOrDefault(key).ToString("0", CultureInfo.InvariantCulture) + " s";
}
