using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Quotes on the engine (no gRPC, no idempotency key) with every k-th offer confirmed, as a live service sees them:
/// each confirmation moves the plan version, so the next quote in each travel band brings the prepared plan up to
/// date (in place for the confirmed route, or prepared afresh). Reports all quotes, the first quote after each
/// confirmation (which pays that), the confirmations, and how the engine's prepared plans were kept.
/// </summary>
internal static class DispatchConfirmProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int every, int seed)
    {
        var rng = new Random(seed);
        var caller = CallerIdentity.Rider("bench-confirm-probe");
        var all = new double[count];
        var after = new double[count];
        var confirms = new double[count];
        var afterCpu = new double[count];
        int afterCount = 0, confirmCount = 0, offers = 0;
        bool confirmedLast = false;
        var (prepared, updated, _) = await engine.ReadPlannerAsync((planner, _) => planner.PreparedStatistics);
        for (int i = 0; i < count; i++)
        {
            var request = DispatchEngineProbe.RandomRequest(rng, stops, now, lastDeparture);
            double cpu0 = ThreadCpu.Ms();
            long t0 = Stopwatch.GetTimestamp();
            var r = await engine.RequestQuoteAsync(caller, request);
            all[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            // The uncontended engine lock completes on this thread, so its CPU time is the quote's.
            if (confirmedLast)
            {
                after[afterCount] = all[i];
                afterCpu[afterCount++] = ThreadCpu.Ms() - cpu0;
            }
            confirmedLast = false;
            if (r.Value?.Offer is not { } offer || ++offers % every != 0) continue;
            t0 = Stopwatch.GetTimestamp();
            var c = await engine.ConfirmOfferAsync(caller, offer.OfferId);
            confirms[confirmCount++] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            confirmedLast = c.IsSuccess;
        }
        var (preparedNow, updatedNow, fallback) = await engine.ReadPlannerAsync((planner, _) => planner.PreparedStatistics);
        return string.Create(CultureInfo.InvariantCulture,
            $"every {every}th offer confirmed: quotes p50={P(all, count).P50Ms:F2} ms p99={P(all, count).P99Ms:F2} ms ({offers}/{count} offers); "
            + $"first quote after a confirmation p50={P(after, afterCount).P50Ms:F2} ms p99={P(after, afterCount).P99Ms:F2} ms (n={afterCount}, "
            + $"CPU p50={P(afterCpu, afterCount).P50Ms:F2} ms p99={P(afterCpu, afterCount).P99Ms:F2} ms); "
            + $"confirmations p50={P(confirms, confirmCount).P50Ms:F2} ms p99={P(confirms, confirmCount).P99Ms:F2} ms; "
            + $"prepared plans: {preparedNow - prepared} prepared in full, {updatedNow - updated} updated in place (last fallback: {fallback ?? "none"})");
    }

    private static DispatchLatencySummary P(double[] ms, int count) => DispatchLatencySummary.Of(ms, count);
}
