using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Travel;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times, outside the engine, the travel-table work that every quote does while holding the engine lock:
/// the new pickup and drop-off against every point of the committed plan, both directions (see the engine's
/// PlanTravelMatrix). Uses the server's own <see cref="ITravelTimeService"/> so snapping and routing are identical.
/// </summary>
internal static class DispatchTableProbe
{
    /// <summary>Median and p90 in ms of (2 × n table + n × 2 table) over <paramref name="runs"/> repetitions.</summary>
    public static string Measure(ITravelTimeService travel, IReadOnlyList<Contracts.V1.GeoPoint> planPoints, int runs)
    {
        var points = new DispatchGeoPoint[planPoints.Count];
        for (int i = 0; i < points.Length; i++) points[i] = new DispatchGeoPoint(planPoints[i].Lat, planPoints[i].Lon);
        var fresh = new[] { points[0], points[^1] };
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            travel.Table(fresh, points);
            travel.Table(points, fresh);
            times[r] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        var s = DispatchLatencySummary.Of(times, runs);
        return string.Create(CultureInfo.InvariantCulture, $"2×{points.Length} + {points.Length}×2 tables: p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms (n={runs})");
    }
}
