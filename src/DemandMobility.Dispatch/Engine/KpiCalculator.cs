using DemandMobility.Dispatch.Views;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Folds the timestamped KPI ledger of a period [from, to) into a report. An event counts in the period
/// its domain time falls in (a trip served at 07:59 counts in the hour before 08:00).
/// </summary>
internal static class KpiCalculator
{
    /// <param name="ledger">KPI increments in log order.</param>
    /// <param name="from">Period start (inclusive).</param>
    /// <param name="to">Period end (exclusive).</param>
    /// <param name="promiseWindowSeconds">Length of the promised pickup window: a wait up to it is punctual.</param>
    public static KpiReport Compute(List<KpiEntry> ledger, DateTimeOffset from, DateTimeOffset to, double promiseWindowSeconds)
    {
        int notKept = 0, replanned = 0, late = 0, missed = 0;
        int served = 0, rejected = 0, cancelled = 0, noShows = 0, parcels = 0, parcelsLate = 0, punctual = 0, detourTrips = 0;
        double ride = 0, driven = 0, empty = 0, passenger = 0, detourSum = 0;
        var waits = new List<double>();
        foreach (var (at, k) in ledger)
        {
            if (at < from || at >= to) continue;
            served += k.Served; rejected += k.Rejected; cancelled += k.Cancelled; noShows += k.NoShows;
            parcels += k.ParcelsDelivered; parcelsLate += k.ParcelsLate;
            notKept += k.NotKept; replanned += k.Replanned; late += k.PickupsLate; missed += k.PickupsMissed;
            ride += k.RideSeconds; driven += k.DrivenMetres; empty += k.EmptyMetres; passenger += k.PassengerMetres;
            if (k.Boardings > 0)
            {
                // One boarding per event (see KpiDelta), so the wait is that rider's own.
                waits.Add(k.WaitSeconds);
                if (k.WaitSeconds <= promiseWindowSeconds) punctual++;
            }
            if (k.Served > 0 && k.DirectSeconds > 0)
            {
                detourSum += k.RideSeconds / k.DirectSeconds;
                detourTrips++;
            }
        }
        double meanWait = 0;
        foreach (var w in waits) meanWait += w;
        meanWait = waits.Count == 0 ? 0 : meanWait / waits.Count;
        return new KpiReport(
            served, rejected, cancelled, noShows, parcels, parcelsLate,
            meanWait, served == 0 ? 0 : ride / served,
            driven / 1000, empty / 1000, driven == 0 ? 0 : passenger / driven,
            NearestRankPercentile(waits, 0.95),
            detourTrips == 0 ? 0 : detourSum / detourTrips,
            waits.Count == 0 ? 0 : (double)punctual / waits.Count,
            notKept, replanned, late, missed);
    }

    /// <summary>Nearest-rank percentile (NIST/Hyndman–Fan definition 1): the ⌈p·n⌉-th smallest value.</summary>
    public static double NearestRankPercentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        int rank = (int)Math.Ceiling(p * values.Count);
        return values[Math.Clamp(rank, 1, values.Count) - 1];
    }
}
