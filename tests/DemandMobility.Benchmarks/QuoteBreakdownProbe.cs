using System.Diagnostics;
using System.Globalization;
using System.Text;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Optimization.Model;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Splits the engine's whole quote (<see cref="QuoteDecider"/>'s steps, in its order, on the live state under the reader
/// lock) into: resolving the two places (snapping), the other validation rules, the direct trip's table, the insertion
/// (<see cref="RoutePlanner.TryInsert"/> on the engine's own prepared plans, with the evaluator's check of the chosen
/// option) and the offer's ids and records. What the engine probe measures beyond their sum is the reader and writer
/// locks, applying the offer to the state and the awaits.
/// </summary>
internal static class QuoteBreakdownProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed)
    {
        var rng = new Random(seed);
        var stages = new[] { "resolve places", "other rules", "direct table", "insertion", "offer records", "sum", "insertion cpu", "sum cpu" };
        var times = stages.ToDictionary(s => s, _ => new double[count]);
        int offers = 0;
        await engine.ReadPlannerAsync((planner, context) =>
        {
            var rules = new RequestRules(context);
            var options = context.Options;
            double nowS = EngineClock.ToSeconds(now);
            for (int i = 0; i < count; i++)
            {
                int f = rng.Next(stops.Count), t = rng.Next(stops.Count);
                for (int k = 0; k < stops.Count && stops[t].Lat == stops[f].Lat && stops[t].Lon == stops[f].Lon; k++) t = (t + 1) % stops.Count;
                var earliest = now.AddMinutes(30);
                var departure = earliest.AddSeconds(rng.NextDouble() * Math.Max(0, (lastDeparture - earliest).TotalSeconds));
                var request = new QuoteRequest(new PlaceRef(new DispatchGeoPoint(stops[f].Lat, stops[f].Lon)),
                    new PlaceRef(new DispatchGeoPoint(stops[t].Lat, stops[t].Lon)), departure, null, 1);

                double cpuA = ThreadCpu.Ms();
                long a = Stopwatch.GetTimestamp();
                var origin = rules.ResolvePlace(request.Origin, "origin");
                var destination = rules.ResolvePlace(request.Destination, "destination");
                long b = Stopwatch.GetTimestamp();
                if (!origin.IsSuccess || !destination.IsSuccess) { i--; continue; }
                bool valid = rules.CheckTime(departure, "earliestDeparture", now) is null
                    && rules.CheckTripRules(request, origin.Value, destination.Value) is null
                    && rules.CheckFleetCanCarry(1, 0, 0, 0) is null
                    && rules.CheckServiceGroup(null) is null;
                long c = Stopwatch.GetTimestamp();
                if (!valid) { i--; continue; }
                double direct = context.Travel.Service.Table([origin.Value.Point], [destination.Value.Point]).Duration(0, 0);
                long d = Stopwatch.GetTimestamp();
                double cpuD = ThreadCpu.Ms();
                if (!double.IsFinite(direct)) { i--; continue; }
                double t0 = Math.Max(nowS, EngineClock.ToSeconds(departure));
                var task = new TaskRecord("new", QuoteDecider.KindOf(request), origin.Value.Point, destination.Value.Point, new LoadVector(1, 0, 0, 0),
                    new TimeWindow(t0, t0 + options.MaxWait.TotalSeconds), TimeWindow.Unbounded, QuoteDecider.RideTimeLimitOf(request, direct, options),
                    options.BoardingTime.TotalSeconds, options.AlightingTime.TotalSeconds, "");
                var choice = planner.TryInsert(task, nowS);
                long e = Stopwatch.GetTimestamp();
                double cpuE = ThreadCpu.Ms();
                if (choice is not null)
                {
                    offers++;
                    string bookingId = context.NewId();
                    var offer = new Offer(context.NewId(), bookingId, origin.Value, destination.Value,
                        EngineClock.FromSeconds(choice.PickupStart), EngineClock.FromSeconds(choice.PickupStart + options.PromiseWindow.TotalSeconds),
                        EngineClock.FromSeconds(choice.PickupStart), EngineClock.FromSeconds(choice.DeliveryStart), null, now + options.OfferExpiry, choice.VehicleId);
                    GC.KeepAlive(Booking.Create(bookingId, "bench", request, now).MakeOffer(offer).Value);
                }
                long g = Stopwatch.GetTimestamp();
                double cpuG = ThreadCpu.Ms();

                double Ms(long x, long y) => Stopwatch.GetElapsedTime(x, y).TotalMilliseconds;
                times["resolve places"][i] = Ms(a, b);
                times["other rules"][i] = Ms(b, c);
                times["direct table"][i] = Ms(c, d);
                times["insertion"][i] = Ms(d, e);
                times["offer records"][i] = Ms(e, g);
                times["sum"][i] = Ms(a, g);
                times["insertion cpu"][i] = cpuE - cpuD;
                times["sum cpu"][i] = cpuG - cpuA;
            }
            return 0;
        });
        var text = new StringBuilder();
        foreach (var s in stages)
        {
            var summary = DispatchLatencySummary.Of(times[s], count);
            text.Append(CultureInfo.InvariantCulture, $"{s} p50={summary.P50Ms:F3} p90={summary.P90Ms:F3} p99={summary.P99Ms:F3} ms; ");
        }
        text.Append(CultureInfo.InvariantCulture, $"offers {offers}/{count}");
        return text.ToString();
    }
}
