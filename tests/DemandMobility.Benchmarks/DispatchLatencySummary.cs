using System.Globalization;

namespace DemandMobility.Benchmarks;

/// <summary>Percentiles of a set of call latencies (nearest-rank method).</summary>
internal readonly record struct DispatchLatencySummary(int Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    /// <summary>Sorts <paramref name="milliseconds"/> in place and reads the percentiles.</summary>
    public static DispatchLatencySummary Of(double[] milliseconds, int count)
    {
        if (count == 0) return new(0, double.NaN, double.NaN, double.NaN, double.NaN);
        Array.Sort(milliseconds, 0, count);
        double At(double p) => milliseconds[Math.Clamp((int)Math.Ceiling(p * count) - 1, 0, count - 1)];
        return new(count, At(0.50), At(0.90), At(0.99), milliseconds[count - 1]);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} p50={P50Ms:F2} ms p90={P90Ms:F2} ms p99={P99Ms:F2} ms max={MaxMs:F2} ms");
}
