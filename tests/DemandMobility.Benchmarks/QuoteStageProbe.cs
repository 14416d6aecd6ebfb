using System.Diagnostics;
using System.Globalization;
using System.Text;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Splits one quote's insertion into its stages on the live engine state (under the reader lock, as a quote): the
/// duties and the prefilter, the problem built per quote (its new request's tables apart), the one-shot
/// <see cref="InsertionContext"/> and its search, against the prepared plan (<see cref="PreparedPlans"/>): its
/// preparation once, then per quote the refresh, tables and search. Both paths' offers are compared.
/// </summary>
internal static class QuoteStageProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, IReadOnlyList<Contracts.V1.GeoPoint> stops,
        DateTimeOffset now, DateTimeOffset lastDeparture, int count, int seed)
    {
        var rng = new Random(seed);
        var stages = new[] { "duties", "prefilter", "build", "tables", "context", "search", "rebuilt total",
            "prepared refresh", "prepared tables", "prepared search", "prepared total",
            "tables cpu", "prepared tables cpu", "prepared total cpu" };
        var times = stages.ToDictionary(s => s, _ => new double[count]);
        double prepareMs = 0;
        int same = 0, compared = 0;
        await engine.ReadPlannerAsync((planner, context) =>
        {
            var plans = new PreparedPlans(context.State, context.Options);
            double nowS = EngineClock.ToSeconds(now);
            var options = context.Options;
            for (int i = 0; i < count; i++)
            {
                int f = rng.Next(stops.Count), t = rng.Next(stops.Count);
                for (int k = 0; k < stops.Count && stops[t].Lat == stops[f].Lat && stops[t].Lon == stops[f].Lon; k++) t = (t + 1) % stops.Count;
                var from = new DispatchGeoPoint(stops[f].Lat, stops[f].Lon);
                var to = new DispatchGeoPoint(stops[t].Lat, stops[t].Lon);
                var earliest = now.AddMinutes(30);
                var departure = earliest.AddSeconds(rng.NextDouble() * Math.Max(0, (lastDeparture - earliest).TotalSeconds));
                double direct = context.Travel.Service.Table([from], [to]).Duration(0, 0);
                if (!double.IsFinite(direct)) { i--; continue; }
                double t0 = EngineClock.ToSeconds(departure);
                var task = new TaskRecord("new", RequestKind.Passenger, from, to, new LoadVector(1, 0, 0, 0),
                    new TimeWindow(t0, t0 + options.MaxWait.TotalSeconds), TimeWindow.Unbounded,
                    RideTimeLimit.FromDetourFactor(direct, options.DetourFactor, options.DetourConstant.TotalSeconds),
                    options.BoardingTime.TotalSeconds, options.AlightingTime.TotalSeconds, "");

                double cpuA = ThreadCpu.Ms();
                long a = Stopwatch.GetTimestamp();
                var usable = planner.UsableDuties(nowS);
                var eligible = planner.EligibleDuties(usable, task, nowS);
                long b = Stopwatch.GetTimestamp();
                var travel = planner.TravelFor(task, nowS);
                var (duties, needs) = InsertionPrefilter.Select(context.State, eligible, task, nowS, travel);
                long c = Stopwatch.GetTimestamp();
                double cpuC = ThreadCpu.Ms();
                if (duties.Count == 0) { i--; continue; }
                DispatchGeoPoint[] points = [];
                var pp = ProblemBuilder.Build(context.State, duties, task, nowS, travel, options, pinPlanned: true, needs,
                    matrixOf: p => new PointCount(points = p));
                long d = Stopwatch.GetTimestamp();
                double cpuD = ThreadCpu.Ms();
                var matrix = new PlanTravelMatrix(points, travel, 2, needs);
                var problem = pp.Problem with { Matrix = matrix };
                long e = Stopwatch.GetTimestamp();
                double cpuE = ThreadCpu.Ms();
                var ctx = new InsertionContext(problem, pp.Current);
                long g = Stopwatch.GetTimestamp();
                var rebuilt = ctx.FindInsertions(pp.NewRequest, 8);
                long h = Stopwatch.GetTimestamp();

                long p0 = Stopwatch.GetTimestamp();
                var plan = plans.For(usable, travel, task, nowS);
                long p1 = Stopwatch.GetTimestamp();
                double cpuP1 = ThreadCpu.Ms();
                var insertion = plan.Rent();
                bool refreshed = insertion.Refresh(context.State, task, nowS, duties);
                long p2 = Stopwatch.GetTimestamp();
                double cpuP2 = ThreadCpu.Ms();
                insertion.Table(task, needs);
                double cpuP3 = ThreadCpu.Ms();
                long p3 = Stopwatch.GetTimestamp();
                var prepared = refreshed ? insertion.Search(8) : null;
                long p4 = Stopwatch.GetTimestamp();
                double cpuP4 = ThreadCpu.Ms();
                compared++;
                if (prepared is not null && Same(rebuilt, pp.Duties, prepared, plan.Duties)) same++;
                plan.Return(insertion);

                double Ms(long x, long y) => Stopwatch.GetElapsedTime(x, y).TotalMilliseconds;
                times["duties"][i] = Ms(a, b);
                times["prefilter"][i] = Ms(b, c);
                times["build"][i] = Ms(c, d);
                times["tables"][i] = Ms(d, e);
                times["context"][i] = Ms(e, g);
                times["search"][i] = Ms(g, h);
                times["rebuilt total"][i] = Ms(a, h);
                // The preparation is counted apart: it happens once per plan version and band, not per quote.
                double prep = Ms(p0, p1);
                if (prep > 1) prepareMs += prep;
                times["prepared refresh"][i] = Ms(p1, p2);
                times["prepared tables"][i] = Ms(p2, p3);
                times["prepared search"][i] = Ms(p3, p4);
                times["prepared total"][i] = Ms(a, c) + Ms(p1, p4);
                times["tables cpu"][i] = cpuE - cpuD;
                times["prepared tables cpu"][i] = cpuP3 - cpuP2;
                times["prepared total cpu"][i] = cpuC - cpuA + cpuP4 - cpuP1;
            }
            return 0;
        });
        var text = new StringBuilder();
        foreach (var s in stages)
        {
            var summary = DispatchLatencySummary.Of(times[s], count);
            text.Append(CultureInfo.InvariantCulture, $"{s} p50={summary.P50Ms:F3} p90={summary.P90Ms:F3} p99={summary.P99Ms:F3} ms; ");
        }
        text.Append(CultureInfo.InvariantCulture, $"preparing (all bands) {prepareMs:F1} ms; identical offers {same}/{compared}");
        return text.ToString();
    }

    private static bool Same(IReadOnlyList<InsertionOption> a, Duty[] aDuties, IReadOnlyList<InsertionOption> b, Duty[] bDuties)
    {
        if (a.Count != b.Count) return false;
        for (int k = 0; k < a.Count; k++)
            if (aDuties[a[k].Vehicle] != bDuties[b[k].Vehicle] || a[k].PickupPosition != b[k].PickupPosition
                || a[k].DeliveryPosition != b[k].DeliveryPosition || a[k].CostDelta != b[k].CostDelta
                || a[k].PickupTime != b[k].PickupTime || a[k].DeliveryTime != b[k].DeliveryTime)
                return false;
        return true;
    }

    /// <summary>Stands for the matrix while the problem is built, so the tables are timed apart.</summary>
    private sealed class PointCount(DispatchGeoPoint[] points) : ITravelMatrix
    {
        public int Count => points.Length;
        public double Duration(int from, int to) => throw new InvalidOperationException();
        public double Distance(int from, int to) => throw new InvalidOperationException();
    }
}
