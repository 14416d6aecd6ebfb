using System.Globalization;
using System.Text;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>
/// The report's "why not served" table: every outcome other than served, split by the reason the simulator
/// recorded, with a planner's reading of each reason and the lever that usually helps.
/// </summary>
internal static class OutcomeSection
{
    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["no_capacity"] = "No vehicle could take the trip without breaking a promise (seats, wait or ride-time limits): more vehicles or longer windows help.",
        ["outside_service_hours"] = "Asked for a time outside every vehicle's shift: check shift times against the demand profile.",
        ["outside_service_area"] = "Origin or destination outside the service area.",
        ["wait_too_long"] = "Offered, but the pickup was later than the rider accepts (riders.acceptable_wait_min): the fleet is busy at that time.",
        ["alternatives_unacceptable"] = "Rejected at the asked time; the alternative times offered were too far off for the rider.",
        ["rider_cancelled"] = "Booked, then cancelled by the rider (riders.cancel_probability).",
        ["rider_absent"] = "Booked, but the rider did not show up (riders.no_show_probability).",
        ["not_completed"] = "Booked, but not delivered when the run ended.",
        ["not_requested"] = "Never requested: the run was stopped before the request time.",
    };

    public static void Write(StringBuilder html, SimulationResult r, string label)
    {
        html.Append("<h2>Outcomes and rejection reasons").Append(HtmlReport.E(label)).Append("</h2>\n");
        var rows = new SortedDictionary<(TripOutcome, string), (int Riders, int Parcels)>();
        int total = r.Trips.Length;
        foreach (var t in r.Trips)
        {
            if (t.Outcome == TripOutcome.Served) continue;
            var key = (t.Outcome, t.Reason ?? "unknown");
            var (riders, parcels) = rows.GetValueOrDefault(key);
            rows[key] = t.Kind == Demand.TripKind.Parcel ? (riders, parcels + 1) : (riders + 1, parcels);
        }
        if (rows.Count == 0)
        {
            html.Append("<p class=\"how\">Every trip was served.</p>\n");
            return;
        }
        html.Append("<p class=\"how\">How to read: each trip that was not served, by what happened and why; the share is of all ")
            .Append(total.ToString(CultureInfo.InvariantCulture)).Append(" trips. Rejected = the dispatcher made no offer; declined = the rider turned the offer down.</p>\n")
            .Append("<table class=\"reasons\">\n<thead><tr><th>outcome</th><th>reason</th><th>riders</th><th>parcels</th><th>share of trips</th><th>meaning</th></tr></thead>\n<tbody>\n");
        foreach (var ((outcome, reason), (riders, parcels)) in rows)
        {
            string meaning = Meanings.TryGetValue(reason, out var m) ? m
                : reason.StartsWith("invalid_argument", StringComparison.Ordinal) ? "The request was refused as invalid (e.g. no road within walking distance of the address)."
                : reason.StartsWith("confirm_", StringComparison.Ordinal) ? "The offer could not be confirmed (it expired or the plan changed)."
                : "";
            html.Append("<tr><td>").Append(HtmlReport.E(Name(outcome))).Append("</td><td>").Append(HtmlReport.E(reason)).Append("</td><td>")
                .Append(riders.ToString(CultureInfo.InvariantCulture)).Append("</td><td>").Append(parcels.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(HtmlReport.Percent(total == 0 ? 0 : (double)(riders + parcels) / total)).Append("</td><td class=\"text\">")
                .Append(HtmlReport.E(meaning)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static string Name(TripOutcome o) => o == TripOutcome.NoShow ? "no-show" : o.ToString().ToLowerInvariant();
}
