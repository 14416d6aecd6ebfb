using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// The report's incidents section: the riders a breakdown, a late or a missed pickup touched (re-planned onto another
/// duty, or given up as disrupted / missed) and the dispatcher alerts the control room got. Shown only when the run
/// had any.
/// </summary>
internal static class IncidentSection
{
    /// <summary>Rows shown per table; the full lists are in trips.csv (column <c>incident</c>) and result.json.</summary>
    private const int MaxRows = 200;

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        var affected = r.Trips.Where(t => t.Incident is not null).OrderBy(t => t.PromisedPickupEarliest ?? t.RequestTime).ToList();
        var alerts = r.Alerts.IsDefault ? [] : r.Alerts;
        if (affected.Count == 0 && alerts.IsEmpty) return;
        var k = r.Kpis;
        html.Append("<h2>Incidents").Append(HtmlReport.E(label)).Append("</h2>\n")
            .Append("<p class=\"how\">How to read: a breakdown takes a bus out of service where it stands; the dispatcher re-plans its bookings onto ")
            .Append("other duties under the same promise rules and gives up those it cannot keep (riders on board, no duty fits) with an alert. A bus ")
            .Append("that stops reporting its position keeps driving, but the dispatcher's forecast for it slides with the clock; a pickup whose ")
            .Append("window passes without boarding is late, then missed.</p>\n")
            .Append("<p>").Append(Count(k, "incident_affected_riders")).Append(" trips affected: ")
            .Append(Count(k, "incident_replanned")).Append(" re-planned onto another bus, ")
            .Append(Count(k, "incident_disrupted")).Append(" disrupted or missed (")
            .Append(Count(k, "pickups_missed")).Append(" missed pickups); ")
            .Append(Count(k, "dispatcher_alerts")).Append(" dispatcher alerts.</p>\n");
        if (affected.Count > 0)
        {
            html.Append("<table class=\"reasons\">\n<thead><tr><th>trip</th><th>incident</th><th>what happened</th><th>promised pickup</th><th>picked up</th><th>vehicle</th></tr></thead>\n<tbody>\n");
            foreach (var t in affected.Take(MaxRows))
                html.Append("<tr><td>").Append(HtmlReport.E(t.TripId)).Append("</td><td>").Append(HtmlReport.E(t.Incident!))
                    .Append("</td><td>").Append(HtmlReport.E(Fate(t))).Append("</td><td>").Append(Clock(t.PromisedPickupEarliest, r))
                    .Append("</td><td>").Append(Clock(t.PickupTime, r)).Append("</td><td>").Append(HtmlReport.E(t.VehicleId ?? "")).Append("</td></tr>\n");
            html.Append("</tbody>\n</table>\n");
            if (affected.Count > MaxRows) html.Append("<p>… ").Append(affected.Count - MaxRows).Append(" more in trips.csv.</p>\n");
        }
        if (alerts.IsEmpty) return;
        html.Append("<table class=\"reasons\">\n<thead><tr><th>time</th><th>alert</th><th>vehicle</th><th>trip</th><th>message</th></tr></thead>\n<tbody>\n");
        foreach (var a in alerts.Take(MaxRows))
            html.Append("<tr><td>").Append(Clock(a.At, r)).Append("</td><td>").Append(HtmlReport.E(a.Kind.Replace('_', ' ')))
                .Append("</td><td>").Append(HtmlReport.E(a.VehicleId ?? "")).Append("</td><td>").Append(HtmlReport.E(a.TripId ?? a.BookingId ?? ""))
                .Append("</td><td class=\"text\">").Append(HtmlReport.E(a.Message)).Append("</td></tr>\n");
        html.Append("</tbody>\n</table>\n");
        if (alerts.Length > MaxRows) html.Append("<p>… ").Append(alerts.Length - MaxRows).Append(" more alerts in result.json.</p>\n");
    }

    /// <summary>What became of an affected trip, in the planner's words.</summary>
    private static string Fate(TripRecord t) => t.Outcome switch
    {
        TripOutcome.Disrupted when t.Reason == "pickup_missed" => "missed pickup",
        TripOutcome.Disrupted when t.Reason == "breakdown_on_board" => "stranded on board",
        TripOutcome.Disrupted => "disrupted: no other bus could keep the promise",
        TripOutcome.Served when t.Incident == "breakdown" => "re-planned, served",
        TripOutcome.Served => "served",
        _ => (t.Incident == "breakdown" ? "re-planned, then " : "") + (t.Outcome == TripOutcome.NoShow ? "no-show" : t.Outcome.ToString().ToLowerInvariant()),
    };

    private static string Clock(DateTimeOffset? t, SimulationResult r) =>
        t is { } v ? OutputTime.Local(v, r).ToString("HH:mm", CultureInfo.InvariantCulture) : "";

    private static string Count(IReadOnlyDictionary<string, double> k, string key) =>
        k.GetValueOrDefault(key).ToString("0", CultureInfo.InvariantCulture);
}
