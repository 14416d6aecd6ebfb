using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times quotes straight on the server's <see cref="DispatchEngine"/> (no gRPC, no authentication), with and
/// without an idempotency key, to split a quote's latency into engine, idempotency record and transport.
/// </summary>
internal static class DispatchEngineProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed)
    {
        var rng = new Random(seed);
        var caller = CallerIdentity.Rider("bench-engine-probe");
        var parts = new List<string>();
        foreach (bool keyed in new[] { false, true })
        {
            var times = new double[count];
            int offers = 0;
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
                long t0 = Stopwatch.GetTimestamp();
                var r = await engine.RequestQuoteAsync(caller, request, keyed ? $"engine-probe-{seed}-{i}" : null);
                times[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (r.Value?.Offer is not null) offers++;
            }
            var s = DispatchLatencySummary.Of(times, count);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(keyed ? "with" : "without")} idempotency key p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms ({offers}/{count} offers)"));
        }
        return string.Join("; ", parts);
    }
}
