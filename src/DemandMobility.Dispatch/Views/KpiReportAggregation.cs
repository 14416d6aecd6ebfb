namespace DemandMobility.Dispatch.Views;

/// <summary>
/// Key figures of several engines (service areas) as one report. Counts and kilometres add up; the mean ride and
/// the occupancy are exact (weighted by trips served and by vehicle-km, their own denominators); the mean wait,
/// punctuality and detour factor are weighted by trips served, which equals their denominator (boardings, trips
/// with a direct time) when every boarded trip was also served in the period; the 95th-percentile wait cannot be
/// combined from percentiles, so the largest area's is reported, an upper bound of the pooled one.
/// </summary>
public static class KpiReportAggregation
{
    /// <summary>One report for all of <paramref name="reports"/>; the empty report when there are none.</summary>
    public static KpiReport Combine(IReadOnlyCollection<KpiReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        int served = reports.Sum(r => r.Served);
        double km = reports.Sum(r => r.VehicleKm);
        double ByServed(Func<KpiReport, double> value) => served == 0 ? 0 : reports.Sum(r => value(r) * r.Served) / served;
        return new KpiReport(
            served,
            reports.Sum(r => r.Rejected),
            reports.Sum(r => r.Cancelled),
            reports.Sum(r => r.NoShows),
            reports.Sum(r => r.ParcelsDelivered),
            reports.Sum(r => r.ParcelsDeliveredLate),
            ByServed(r => r.AverageWaitSeconds),
            ByServed(r => r.AverageRideSeconds),
            km,
            reports.Sum(r => r.EmptyKm),
            km == 0 ? 0 : reports.Sum(r => r.Occupancy * r.VehicleKm) / km,
            reports.Count == 0 ? 0 : reports.Max(r => r.P95WaitSeconds),
            ByServed(r => r.MeanDetourFactor),
            ByServed(r => r.Punctuality),
            reports.Sum(r => r.PromisesNotKept),
            reports.Sum(r => r.Replanned),
            reports.Sum(r => r.PickupsLate),
            reports.Sum(r => r.PickupsMissed));
    }
}
