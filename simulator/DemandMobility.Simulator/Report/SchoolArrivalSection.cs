using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// The school run's punctuality: per school, the latest drop-off against the latest allowed arrival (the bell minus
/// the arrival margin), and per pupil the drop-off, margin, ride time against its limit, or why it was not served.
/// </summary>
internal static class SchoolArrivalSection
{
    private const int MaxPupilRows = 1000;

    /// <summary>
    /// The dispatcher's ride limit counts from the end of boarding (Cordeau 2006), the ride time from its start: a
    /// pupil counts as over its limit only beyond this allowance (the default boarding time is 30 s).
    /// </summary>
    private const double OverLimitToleranceSeconds = 60;

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        var pupils = r.Trips.Where(t => t.Kind == TripKind.Pupil).OrderBy(t => t.Group, StringComparer.Ordinal)
            .ThenBy(t => t.TripId, StringComparer.Ordinal).ToArray();
        if (pupils.Length == 0) return;
        html.Append("<h2>School arrival vs bell").Append(HtmlReport.E(label)).Append("</h2>\n")
            .Append("<p class=\"how\">How to read: \"must arrive by\" is the bell minus the arrival margin; the margin is how much earlier the ")
            .Append("last pupil of the school was dropped off (negative = late). Ride times (from the start of boarding) are compared with each ")
            .Append("pupil's limit (age group; it counts from the end of boarding), so \"over ride limit\" counts rides more than a minute over it.</p>\n")
            .Append("<table class=\"arrivals\">\n<thead><tr><th>school</th><th>pupils</th><th>served</th><th>must arrive by</th><th>last drop-off</th>")
            .Append("<th>min margin (min)</th><th>max ride (min)</th><th>late</th><th>over ride limit</th></tr></thead>\n<tbody>\n");
        foreach (var school in pupils.GroupBy(t => t.Group ?? "(no group)"))
        {
            var served = school.Where(t => t.Outcome == TripOutcome.Served).ToArray();
            DateTimeOffset? by = school.Select(t => t.LatestArrival).Where(t => t is not null).Max();
            DateTimeOffset? last = served.Select(t => t.DropoffTime).Where(t => t is not null).Max();
            double? margin = served.Where(t => t.LatestArrival is not null && t.DropoffTime is not null)
                .Select(t => (double?)(t.LatestArrival!.Value - t.DropoffTime!.Value).TotalMinutes).Min();
            double? maxRide = served.Select(t => t.RideSeconds / 60).Max();
            int late = served.Count(t => t.DropoffTime > t.LatestArrival);
            int overLimit = served.Count(t => t.RideSeconds > t.MaxRideSeconds + OverLimitToleranceSeconds);
            html.Append("<tr><td>").Append(HtmlReport.E(school.Key)).Append("</td><td>").Append(school.Count().ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(served.Length.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(Clock(by, r))
                .Append("</td><td>").Append(Clock(last, r)).Append("</td><td>").Append(Minutes(margin)).Append("</td><td>").Append(Minutes(maxRide))
                .Append("</td><td>").Append(late.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(overLimit.ToString(CultureInfo.InvariantCulture))
                .Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        var unserved = pupils.Where(t => t.Outcome != TripOutcome.Served).ToArray();
        html.Append(unserved.Length == 0 ? "<p>Every pupil was delivered.</p>\n"
            : "<p><b>" + unserved.Length.ToString(CultureInfo.InvariantCulture) + " pupil(s) not delivered</b>: see the reason per pupil below.</p>\n");
        html.Append("<details").Append(unserved.Length > 0 ? " open" : "").Append("><summary>Per pupil (")
            .Append(pupils.Length.ToString(CultureInfo.InvariantCulture)).Append(")</summary>\n<table class=\"pupils\">\n<thead><tr><th>pupil</th><th>school</th>")
            .Append("<th>vehicle</th><th>outcome</th><th>reason</th><th>pickup</th><th>drop-off</th><th>margin (min)</th><th>ride (min)</th><th>ride limit (min)</th></tr></thead>\n<tbody>\n");
        // Unserved pupils first: they are what a planner has to act on.
        foreach (var t in unserved.Concat(pupils.Where(t => t.Outcome == TripOutcome.Served)).Take(MaxPupilRows))
        {
            double? margin = t.LatestArrival is { } by && t.DropoffTime is { } d ? (by - d).TotalMinutes : null;
            html.Append("<tr><td>").Append(HtmlReport.E(t.TripId)).Append("</td><td>").Append(HtmlReport.E(t.Group ?? "")).Append("</td><td>")
                .Append(HtmlReport.E(t.VehicleId ?? "")).Append("</td><td>").Append(HtmlReport.E(t.Outcome.ToString().ToLowerInvariant()))
                .Append("</td><td>").Append(HtmlReport.E(t.Reason ?? "")).Append("</td><td>").Append(Clock(t.PickupTime, r)).Append("</td><td>")
                .Append(Clock(t.DropoffTime, r)).Append("</td><td>").Append(Minutes(margin)).Append("</td><td>").Append(Minutes(t.RideSeconds / 60))
                .Append("</td><td>").Append(Minutes(t.MaxRideSeconds / 60)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        if (pupils.Length > MaxPupilRows)
            html.Append("<p>… ").Append((pupils.Length - MaxPupilRows).ToString(CultureInfo.InvariantCulture)).Append(" more pupils in trips.csv.</p>\n");
        html.Append("</details>\n");
    }

    /// <summary>Local clock time of the run's day (the offset of its day start), "–" for none.</summary>
    private static string Clock(DateTimeOffset? t, SimulationResult r) => OutputTime.Clock(t, r, seconds: true);

    private static string Minutes(double? v) => v is { } m && double.IsFinite(m) ? m.ToString("0.0", CultureInfo.InvariantCulture) : "–";
}
