using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times quotes straight on the server's <see cref="DispatchEngine"/> (no gRPC, no authentication), with and
/// without an idempotency key, to split a quote's latency into engine, idempotency record and transport; with
/// <c>confirmEvery</c> &gt; 0 a third run confirms every that many offers between its quotes (the plan then changes
/// while quotes are answered, as in service) and reports the quotes right after a confirmation and the confirmations.
/// Each figure comes with the calling thread's CPU time (<see cref="ThreadCpu"/>; a call that resumed on another thread
/// is left out of it): on a loaded machine the wall time is mostly waiting for a core.
/// </summary>
internal static class DispatchEngineProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed, int confirmEvery = 0)
    {
        var rng = new Random(seed);
        var caller = CallerIdentity.Rider("bench-engine-probe");
        var parts = new List<string>();
        foreach (var mode in confirmEvery > 0 ? new[] { "without", "with", "confirming" } : ["without", "with"])
        {
            var times = new double[count];
            var afterConfirm = new double[count];
            var confirms = new double[count];
            var cpu = new List<double>();
            var cpuAfter = new List<double>();
            var cpuConfirm = new List<double>();
            int offers = 0, confirmed = 0, after = 0;
            bool justConfirmed = false;
            for (int i = 0; i < count; i++)
            {
                int f = rng.Next(stops.Count), t = rng.Next(stops.Count);
                for (int k = 0; k < stops.Count && stops[t].Lat == stops[f].Lat && stops[t].Lon == stops[f].Lon; k++) t = (t + 1) % stops.Count;
                var from = stops[f];
                var to = stops[t];
                var earliest = now.AddMinutes(30);
                var departure = earliest.AddSeconds(rng.NextDouble() * Math.Max(0, (lastDeparture - earliest).TotalSeconds));
                var request = new QuoteRequest(new PlaceRef(new DispatchGeoPoint(from.Lat, from.Lon)), new PlaceRef(new DispatchGeoPoint(to.Lat, to.Lon)),
                    departure, null, 1);
                var (thread, cpu0) = (Environment.CurrentManagedThreadId, ThreadCpu.Ms());
                long t0 = Stopwatch.GetTimestamp();
                var r = await engine.RequestQuoteAsync(caller, request, mode == "with" ? $"engine-probe-{seed}-{i}" : null);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (thread == Environment.CurrentManagedThreadId)
                {
                    cpu.Add(ThreadCpu.Ms() - cpu0);
                    if (justConfirmed) cpuAfter.Add(cpu[^1]);
                }
                if (justConfirmed) afterConfirm[after++] = times[i];
                justConfirmed = false;
                if (r.Value?.Offer is not { } offer) continue;
                offers++;
                if (mode != "confirming" || offers % confirmEvery != 0) continue;
                (thread, cpu0) = (Environment.CurrentManagedThreadId, ThreadCpu.Ms());
                long c0 = Stopwatch.GetTimestamp();
                var c = await engine.ConfirmOfferAsync(caller, offer.OfferId);
                if (!c.IsSuccess) continue;
                confirms[confirmed++] = Stopwatch.GetElapsedTime(c0).TotalMilliseconds;
                if (thread == Environment.CurrentManagedThreadId) cpuConfirm.Add(ThreadCpu.Ms() - cpu0);
                justConfirmed = true;
            }
            var s = DispatchLatencySummary.Of(times, count);
            string text = mode == "confirming"
                ? $"without idempotency key, confirming every {confirmEvery}th offer: p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms, {Cpu(cpu)} ({offers}/{count} offers); "
                    + $"first quote after a confirmation {Describe(afterConfirm, after)}, {Cpu(cpuAfter)}; confirmation {Describe(confirms, confirmed)}, {Cpu(cpuConfirm)}"
                : $"{mode} idempotency key p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms, {Cpu(cpu)} ({offers}/{count} offers)";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{text}"));
        }
        return string.Join("; ", parts);
    }

    private static string Cpu(List<double> cpu)
    {
        var s = DispatchLatencySummary.Of(cpu.ToArray(), cpu.Count);
        return string.Create(CultureInfo.InvariantCulture, $"CPU p50={s.P50Ms:F2} ms p99={s.P99Ms:F2} ms (n={cpu.Count})");
    }

    private static string Describe(double[] times, int n)
    {
        var s = DispatchLatencySummary.Of(times, n);
        return string.Create(CultureInfo.InvariantCulture, $"n={n} p50={s.P50Ms:F2} ms p99={s.P99Ms:F2} ms");
    }
}
