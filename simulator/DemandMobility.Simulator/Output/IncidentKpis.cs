using System.Collections.Immutable;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// KPIs of the day's incidents (see simulator/README.md, *Incidents*): the riders an incident touched, how many of them
/// the dispatcher re-planned onto another duty and how many it had to give up, and the alerts the control room got.
/// </summary>
public static class IncidentKpis
{
    /// <summary>The alert kinds counted one by one (<c>dispatcher_alerts_{kind}</c>).</summary>
    public static readonly string[] AlertKinds = ["duty_lost", "promise_not_kept", "pickup_late", "pickup_missed"];

    /// <summary>Computes the incident keys from the trips and the alert log.</summary>
    public static ImmutableSortedDictionary<string, double> Compute(IReadOnlyList<TripRecord> trips, IReadOnlyList<IncidentAlert> alerts)
    {
        int affected = 0, replanned = 0, disrupted = 0, missed = 0;
        foreach (var t in trips)
        {
            if (t.Reason == "pickup_missed") missed++;
            if (t.Incident is null) continue;
            affected++;
            if (t.Outcome == TripOutcome.Disrupted) disrupted++;
            else if (t.Incident == "breakdown") replanned++;
        }
        var k = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        k["incident_affected_riders"] = affected;
        k["incident_replanned"] = replanned;
        k["incident_disrupted"] = disrupted;
        k["pickups_missed"] = missed;
        k["dispatcher_alerts"] = alerts.Count;
        foreach (var kind in AlertKinds) k["dispatcher_alerts_" + kind] = alerts.Count(a => a.Kind == kind);
        return k.ToImmutable();
    }
}
