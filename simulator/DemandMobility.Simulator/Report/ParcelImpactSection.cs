using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// KombiBUS: the riders' figures with parcels against the same day without them (the parcel-free comparison run),
/// and the distribution of the added delay per rider.
/// </summary>
internal static class ParcelImpactSection
{
    private static readonly (string Key, string Label)[] Rows =
    [
        ("served_share", "served share (riders)"),
        ("wait_mean_s", "wait, mean (s)"),
        ("wait_p95_s", "wait, p95 (s)"),
        ("ride_mean_s", "ride time, mean (s)"),
        ("ride_p95_s", "ride time, p95 (s)"),
        ("detour_factor_mean", "detour factor, mean"),
        ("pooling_rate", "pooling rate"),
        ("vehicle_km", "vehicle km"),
        ("occupancy", "occupancy (passenger-km / vehicle-km)"),
    ];

    private const double BinMinutes = 2, RangeMinutes = 30;

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        if (r.ParcelImpact is not { } impact) return;
        html.Append("<h2>Parcels' effect on the riders").Append(HtmlReport.E(label)).Append("</h2>\n");
        if (!impact.Completed)
        {
            html.Append("<p class=\"banner\">The parcel-free comparison run was stopped early; its figures are partial and were not merged into the key figures.</p>\n");
        }
        html.Append("<p class=\"how\">How to read: the same day (same seed, same riders and rider behaviour) was simulated a second time without ")
            .Append("parcels. \"Added\" = with parcels − without, per rider served in both runs (positive = worse with parcels); part of ")
            .Append("the difference is the dispatcher simply planning differently, which is why some riders are better off.</p>\n")
            .Append("<table class=\"parcel-impact\">\n<thead><tr><th>figure</th><th>with parcels</th><th>without parcels</th><th>difference</th></tr></thead>\n<tbody>\n");
        foreach (var (key, text) in Rows)
        {
            if (!r.Kpis.TryGetValue(key, out double with) || !impact.WithoutParcelsKpis.TryGetValue(key, out double without)) continue;
            // The with-parcels run counts parcels among its trips; compare riders with riders.
            if (key == "served_share")
            {
                with = impact.Kpis.GetValueOrDefault("passengers_served_share_with_parcels");
                without = impact.Kpis.GetValueOrDefault("passengers_served_share_without_parcels");
            }
            html.Append("<tr><td>").Append(HtmlReport.E(text)).Append("</td><td>")
                .Append(HtmlReport.Number(with)).Append("</td><td>").Append(HtmlReport.Number(without)).Append("</td><td>")
                .Append(HtmlReport.Signed(with - without)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        var k = impact.Kpis;
        html.Append("<p>Riders served in both runs: ").Append(HtmlReport.Number(k.GetValueOrDefault("passengers_added_compared")))
            .Append(". Added delay mean ").Append(Seconds(k, "passengers_added_delay_s")).Append(", p95 ").Append(Seconds(k, "passengers_added_delay_p95_s"))
            .Append("; added wait mean ").Append(Seconds(k, "passengers_added_wait_mean_s")).Append(", p95 ").Append(Seconds(k, "passengers_added_wait_p95_s"))
            .Append("; added ride time mean ").Append(Seconds(k, "passengers_added_ride_mean_s")).Append(", p95 ").Append(Seconds(k, "passengers_added_ride_p95_s"))
            .Append(". ").Append(HtmlReport.Percent(k.GetValueOrDefault("passengers_affected_share"))).Append(" of them arrive more than ")
            .Append(ParcelImpactKpis.AffectedThresholdSeconds.ToString(CultureInfo.InvariantCulture)).Append(" s later with parcels, ")
            .Append(HtmlReport.Percent(k.GetValueOrDefault("passengers_better_off_share"))).Append(" more than that earlier; ")
            .Append(HtmlReport.Number(k.GetValueOrDefault("passengers_lost_to_parcels"))).Append(" rider(s) served only without parcels, ")
            .Append(HtmlReport.Number(k.GetValueOrDefault("passengers_gained_with_parcels"))).Append(" only with them.</p>\n");
        HtmlReport.Figure(html, XyChart.Render(DelayHistogram(impact)), "parcel-delay-histogram",
            "each bar counts riders served in both runs whose door-to-door time changed by that many minutes with parcels; bars right of 0 are delays, the outer bars collect everything beyond ±30 min.");
    }

    private static ChartSpec DelayHistogram(ParcelImpact impact)
    {
        int bins = (int)(2 * RangeMinutes / BinMinutes);
        var y = new double[bins];
        foreach (var p in impact.Passengers)
            if (p.AddedDelaySeconds is { } d)
                y[Math.Clamp((int)Math.Floor((d / 60 + RangeMinutes) / BinMinutes), 0, bins - 1)]++;
        IReadOnlyList<ChartSeries> series = y.Any(v => v > 0) ? [new ChartSeries("riders", Palette.At(0), SeriesKind.GroupedBars, y)] : [];
        return new ChartSpec("Added door-to-door time per rider (with parcels − without)", "added time (min; outer bars: beyond ±30)",
            "riders (count)", -RangeMinutes, RangeMinutes, -RangeMinutes, BinMinutes, x => XyChart.Format(Math.Round(x, 1)), series, 10);
    }

    private static string Seconds(IReadOnlyDictionary<string, double> k, string key) =>
        k.TryGetValue(key, out double v) ? v.ToString("0", CultureInfo.InvariantCulture) + " s" : "–";
}
