namespace DemandMobility.Transit.Flex;

/// <summary>A completed on-demand ride: the direct driving time of its pair and the time the rider actually rode.</summary>
public readonly record struct ObservedRide(double DirectSeconds, double RideSeconds);

/// <summary>
/// GTFS-Flex travel-time estimates, ride ≈ factor × driving time + offset (offsets in minutes, as the spec
/// defines them): the mean pair by least squares over observed rides, and the safe pair with the same factor and
/// the offset raised to the 95th percentile of the residuals, so 95 % of observed rides are no longer than the
/// safe estimate. Without observations, the dispatcher's own promise (detour factor and constant) is the safe
/// bound and the mean.
/// </summary>
public sealed record RideTimeModel(double MeanFactor, double MeanOffsetMinutes, double SafeFactor, double SafeOffsetMinutes, int Observations)
{
    /// <summary>Fits the model; falls back to the promise rule when fewer than 10 usable rides are given.</summary>
    public static RideTimeModel Fit(IReadOnlyCollection<ObservedRide> rides, double detourFactor, TimeSpan detourConstant)
    {
        var usable = rides.Where(r => r.DirectSeconds > 0 && r.RideSeconds >= r.DirectSeconds * 0.5 && double.IsFinite(r.RideSeconds)).ToList();
        if (usable.Count < 10)
            return new RideTimeModel(detourFactor, detourConstant.TotalMinutes, detourFactor, detourConstant.TotalMinutes, usable.Count);
        double mx = usable.Average(r => r.DirectSeconds), my = usable.Average(r => r.RideSeconds);
        double sxx = usable.Sum(r => (r.DirectSeconds - mx) * (r.DirectSeconds - mx));
        double sxy = usable.Sum(r => (r.DirectSeconds - mx) * (r.RideSeconds - my));
        // A ride is never faster than driving direct: keep the factor at 1 or more and refit the offset.
        double factor = sxx > 0 ? Math.Max(1, sxy / sxx) : 1;
        double offset = Math.Max(0, my - factor * mx);
        var residuals = usable.Select(r => r.RideSeconds - factor * r.DirectSeconds).Order().ToList();
        double p95 = residuals[Math.Min(residuals.Count - 1, (int)Math.Ceiling(0.95 * residuals.Count) - 1)];
        return new RideTimeModel(Math.Round(factor, 2), Math.Round(offset / 60, 1), Math.Round(factor, 2), Math.Round(Math.Max(offset, p95) / 60, 1), usable.Count);
    }
}
