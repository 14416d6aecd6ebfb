using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Optimization.Model;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times quotes straight on the server's <see cref="DispatchEngine"/> (no gRPC, no authentication), with and
/// without an idempotency key, to split a quote's latency into engine, idempotency record and transport; with
/// <c>confirmEvery</c> &gt; 0 a third run confirms every that many offers between its quotes (the plan then changes
/// while quotes are answered, as in service) and reports the quotes right after a confirmation and the confirmations;
/// with <c>fixesPerQuote</c> &gt; 0 another run sends that many GPS fixes (vehicles in turn, each creeping towards its
/// next stop over the snapped stops) before every quote, as a fleet reporting every few seconds does between quotes,
/// and reports the fixes too.
/// Each figure comes with the calling thread's CPU time (<see cref="ThreadCpu"/>; a call that resumed on another thread
/// is left out of it): on a loaded machine the wall time is mostly waiting for a core.
/// </summary>
internal static class DispatchEngineProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed, int confirmEvery = 0, int fixesPerQuote = 0)
    {
        var rng = new Random(seed);
        var caller = CallerIdentity.Rider("bench-engine-probe");
        var parts = new List<string>();
        var modes = new List<string> { "without", "with" };
        if (confirmEvery > 0) modes.Add("confirming");
        if (fixesPerQuote > 0) modes.Add("fixes");
        var vehicles = await engine.ReadPlannerAsync((_, c) =>
            c.State.VehicleOrder.Where(id => c.State.Vehicles[id].State == VehicleShiftState.OnShift).ToArray());
        int nextVehicle = 0;
        var fixes = new List<double>();
        var cpuFix = new List<double>();
        foreach (var mode in modes)
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
                for (int k = 0; mode == "fixes" && k < fixesPerQuote && vehicles.Length > 0; k++)
                {
                    var vehicle = vehicles[nextVehicle++ % vehicles.Length];
                    var at = await FixFor(engine, vehicle, stops, rng);
                    var (fixThread, fixCpu0) = (Environment.CurrentManagedThreadId, ThreadCpu.Ms());
                    long f0 = Stopwatch.GetTimestamp();
                    var fixedAt = await engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, at);
                    if (!fixedAt.IsSuccess) continue;
                    fixes.Add(Stopwatch.GetElapsedTime(f0).TotalMilliseconds);
                    if (fixThread == Environment.CurrentManagedThreadId) cpuFix.Add(ThreadCpu.Ms() - fixCpu0);
                }
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
            string text = mode switch
            {
                "confirming" => $"without idempotency key, confirming every {confirmEvery}th offer: p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms, {Cpu(cpu)} ({offers}/{count} offers); "
                    + $"first quote after a confirmation {Describe(afterConfirm, after)}, {Cpu(cpuAfter)}; confirmation {Describe(confirms, confirmed)}, {Cpu(cpuConfirm)}",
                "fixes" => $"without idempotency key, {fixesPerQuote} GPS fixes before every quote: p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms, {Cpu(cpu)} ({offers}/{count} offers); "
                    + $"fix {Describe(fixes.ToArray(), fixes.Count)}, {Cpu(cpuFix)}",
                _ => $"{mode} idempotency key p50={s.P50Ms:F2} ms p90={s.P90Ms:F2} ms p99={s.P99Ms:F2} ms, {Cpu(cpu)} ({offers}/{count} offers)",
            };
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{text}"));
        }
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Where <paramref name="vehicle"/> reports next: of a few snapped stops drawn at random, the one nearest to a point
    /// a fifth of the way from its last fix to its next planned stop (it stays put without one), so it moves a few
    /// hundred metres at a time, always onto the road network.
    /// </summary>
    private static async Task<DispatchGeoPoint> FixFor(DispatchEngine engine, string vehicle, IReadOnlyList<Contracts.V1.GeoPoint> stops, Random rng)
    {
        var (last, next) = await engine.ReadPlannerAsync((_, c) =>
        {
            var v = c.State.Vehicles[vehicle];
            var route = c.State.RouteOf(vehicle);
            DispatchGeoPoint? target = null;
            if (!route.IsEmpty && c.State.Tasks.TryGetValue(route[0].TaskId, out var task))
                target = route[0].Kind == StopKind.Pickup ? task.Pickup : task.Delivery;
            return (v.LastPosition ?? v.Depot, target);
        });
        if (next is not DispatchGeoPoint to) return last;
        double lat = last.Latitude + (to.Latitude - last.Latitude) / 5, lon = last.Longitude + (to.Longitude - last.Longitude) / 5;
        var best = last;
        double bestD = double.PositiveInfinity;
        for (int k = 0; k < 32; k++)
        {
            var s = stops[rng.Next(stops.Count)];
            double d = (s.Lat - lat) * (s.Lat - lat) + (s.Lon - lon) * (s.Lon - lon);
            if (d < bestD) (best, bestD) = (new DispatchGeoPoint(s.Lat, s.Lon), d);
        }
        return best;
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
