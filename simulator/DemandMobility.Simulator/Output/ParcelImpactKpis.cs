using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Compares a run with parcels against the same day without them, rider by rider (trips matched by id), into flat
/// KPIs: a paired, counterfactual comparison (one seed, common random numbers for the riders: Law &amp; Kelton,
/// "Simulation Modeling and Analysis", ch. 11.2), so the difference is the parcels' effect plus the dispatcher's
/// own sensitivity to a changed plan, not rider noise.
/// </summary>
public static class ParcelImpactKpis
{
    /// <summary>A rider counts as affected when parcels add more than this to the door-to-door time.</summary>
    public const double AffectedThresholdSeconds = 60;

    /// <summary>
    /// The comparison. Keys: <c>passengers_added_compared</c> (riders served in both runs),
    /// <c>passengers_added_delay_s</c> / <c>_delay_p95_s</c>, <c>passengers_added_wait_mean_s</c> / <c>_wait_p95_s</c>,
    /// <c>passengers_added_ride_mean_s</c> / <c>_ride_p95_s</c> (means and nearest-rank p95 over those riders),
    /// <c>passengers_affected_share</c> (added delay above <see cref="AffectedThresholdSeconds"/>),
    /// <c>passengers_better_off_share</c> (more than that earlier: the dispatcher's plan simply differs),
    /// <c>passengers_served_share_with_parcels</c>, <c>passengers_served_share_without_parcels</c>,
    /// <c>passengers_served_share_diff</c> (with − without), <c>passengers_lost_to_parcels</c> (served only without),
    /// <c>passengers_gained_with_parcels</c> (served only with) and <c>passengers_added_delay_measured</c> = 1.
    /// </summary>
    public static (ImmutableSortedDictionary<string, double> Kpis, ImmutableArray<PassengerImpact> Passengers) Compare(
        SimulationResult withParcels, SimulationResult withoutParcels)
    {
        ArgumentNullException.ThrowIfNull(withParcels);
        ArgumentNullException.ThrowIfNull(withoutParcels);
        var other = new Dictionary<string, TripRecord>(StringComparer.Ordinal);
        foreach (var t in withoutParcels.Trips)
            if (t.Kind != TripKind.Parcel) other[t.TripId] = t;

        var rows = ImmutableArray.CreateBuilder<PassengerImpact>();
        var waits = new List<double>();
        var rides = new List<double>();
        var delays = new List<double>();
        var ridersA = new HashSet<string>(StringComparer.Ordinal);
        int riders = 0, servedWith = 0, servedWithout = 0, lost = 0, gained = 0, affected = 0, betterOff = 0;
        foreach (var a in withParcels.Trips)
        {
            if (a.Kind == TripKind.Parcel) continue;
            riders++;
            ridersA.Add(a.TripId);
            // A rider missing from the other run (it should not be) counts as not requested there.
            var b = other.GetValueOrDefault(a.TripId);
            var outcomeB = b?.Outcome ?? TripOutcome.Unfinished;
            bool inA = a.Outcome == TripOutcome.Served, inB = outcomeB == TripOutcome.Served;
            if (inA) servedWith++;
            if (inB) servedWithout++;
            if (inB && !inA) lost++;
            if (inA && !inB) gained++;
            double? wait = null, ride = null, delay = null;
            if (inA && inB)
            {
                wait = a.WaitSeconds is { } wa && b!.WaitSeconds is { } wb ? wa - wb : null;
                ride = a.RideSeconds is { } ra && b!.RideSeconds is { } rb ? ra - rb : null;
                delay = AddedDelay(a, b!);
                if (wait is { } w) waits.Add(w);
                if (ride is { } r) rides.Add(r);
                if (delay is { } d)
                {
                    delays.Add(d);
                    if (d > AffectedThresholdSeconds) affected++;
                    if (d < -AffectedThresholdSeconds) betterOff++;
                }
            }
            rows.Add(new PassengerImpact(a.TripId, a.Outcome, outcomeB, wait, ride, delay));
        }
        // Riders only the parcel-free run knows of (none when the demand is shared) still count for its served share.
        foreach (var b in other.Values)
            if (!ridersA.Contains(b.TripId) && b.Outcome == TripOutcome.Served) servedWithout++;

        var k = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        k["passengers_added_delay_measured"] = 1;
        k["passengers_added_compared"] = delays.Count;
        PutStats(k, "passengers_added_delay_s", "passengers_added_delay_p95_s", delays);
        PutStats(k, "passengers_added_wait_mean_s", "passengers_added_wait_p95_s", waits);
        PutStats(k, "passengers_added_ride_mean_s", "passengers_added_ride_p95_s", rides);
        k["passengers_affected_share"] = delays.Count == 0 ? 0 : (double)affected / delays.Count;
        k["passengers_better_off_share"] = delays.Count == 0 ? 0 : (double)betterOff / delays.Count;
        double shareWith = riders == 0 ? 0 : (double)servedWith / riders;
        double shareWithout = riders == 0 ? 0 : (double)servedWithout / riders;
        k["passengers_served_share_with_parcels"] = shareWith;
        k["passengers_served_share_without_parcels"] = shareWithout;
        k["passengers_served_share_diff"] = shareWith - shareWithout;
        k["passengers_lost_to_parcels"] = lost;
        k["passengers_gained_with_parcels"] = gained;
        return (k.ToImmutable(), rows.ToImmutable());
    }

    private static double? AddedDelay(TripRecord a, TripRecord b)
    {
        // Arrive-by riders are promised their arrival either way; what parcels cost them is an earlier start.
        if (a.RequestedPickup is null)
            return a.PickupTime is { } pa && b.PickupTime is { } pb ? (pb - pa).TotalSeconds : null;
        return a.DropoffTime is { } da && b.DropoffTime is { } db ? (da - db).TotalSeconds : null;
    }

    private static void PutStats(ImmutableSortedDictionary<string, double>.Builder k, string meanKey, string p95Key, List<double> values)
    {
        values.Sort();
        double sum = 0;
        foreach (double v in values) sum += v;
        k[meanKey] = values.Count == 0 ? 0 : sum / values.Count;
        k[p95Key] = SimulationKpis.Percentile(values, 0.95);
    }
}
