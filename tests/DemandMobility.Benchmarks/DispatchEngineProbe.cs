using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times quotes straight on the server's <see cref="DispatchEngine"/> (no gRPC, no authentication), with and
/// without an idempotency key, to split a quote's latency into engine, idempotency record and transport. The two
/// kinds alternate quote by quote after a short warm-up, so neither is measured on a colder process (the first 300
/// quotes once ran all without a key, and that pass paid the JIT's later tiers and the first preparations). Bytes
/// allocated per quote are read with <see cref="GC.GetAllocatedBytesForCurrentThread"/> (an uncontended engine lock
/// completes on the calling thread).
/// </summary>
internal static class DispatchEngineProbe
{
    private const int WarmUp = 30;

    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed)
    {
        var rng = new Random(seed);
        var caller = CallerIdentity.Rider("bench-engine-probe");
        var times = new[] { new double[count], new double[count] };
        var bytes = new[] { new double[count], new double[count] };
        var offers = new int[2];
        int gen0 = 0, gen2 = 0;
        for (int i = -WarmUp; i < 2 * count; i++)
        {
            if (i == 0) (gen0, gen2) = (GC.CollectionCount(0), GC.CollectionCount(2));
            int keyed = i & 1;
            var request = RandomRequest(rng, stops, now, lastDeparture);
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var r = await engine.RequestQuoteAsync(caller, request, keyed == 1 ? $"engine-probe-{seed}-{i}" : null);
            double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            long used = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (i < 0) continue;
            times[keyed][i / 2] = ms;
            bytes[keyed][i / 2] = used;
            if (r.Value?.Offer is not null) offers[keyed]++;
        }
        var parts = new List<string>();
        foreach (int keyed in new[] { 0, 1 })
        {
            var s = DispatchLatencySummary.Of(times[keyed], count);
            var b = DispatchLatencySummary.Of(bytes[keyed], count);
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(keyed == 1 ? "with" : "without")} idempotency key p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms ({offers[keyed]}/{count} offers, allocated per quote median {b.P50Ms / 1024:F0} KiB, p99 {b.P99Ms / 1024:F0} KiB)"));
        }
        parts.Add($"alternating, {GC.CollectionCount(0) - gen0} gen-0 and {GC.CollectionCount(2) - gen2} gen-2 collections in the {2 * count} quotes");
        return string.Join("; ", parts);
    }

    /// <summary>A one-passenger trip between two of <paramref name="stops"/>, leaving between 30 min from now and <paramref name="lastDeparture"/>.</summary>
    internal static QuoteRequest RandomRequest(Random rng, IReadOnlyList<Contracts.V1.GeoPoint> stops, DateTimeOffset now, DateTimeOffset lastDeparture)
    {
        int f = rng.Next(stops.Count), t = rng.Next(stops.Count);
        for (int k = 0; k < stops.Count && stops[t].Lat == stops[f].Lat && stops[t].Lon == stops[f].Lon; k++) t = (t + 1) % stops.Count;
        var earliest = now.AddMinutes(30);
        var departure = earliest.AddSeconds(rng.NextDouble() * Math.Max(0, (lastDeparture - earliest).TotalSeconds));
        return new QuoteRequest(new PlaceRef(new DispatchGeoPoint(stops[f].Lat, stops[f].Lon)), new PlaceRef(new DispatchGeoPoint(stops[t].Lat, stops[t].Lon)),
            departure, null, 1);
    }
}
