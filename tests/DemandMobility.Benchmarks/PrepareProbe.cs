using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Optimization.Model;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Times a full preparation of the engine's plan on the live state (under the reader lock, as a quote), in its parts:
/// the problem over every usable duty (<see cref="ProblemBuilder"/>), the rest of <see cref="PreparedPlan.Build"/>
/// (committed pairs, kept searches retained), and the first insertion rented from it (the matrix and the
/// <see cref="Optimization.Insertion.InsertionContext"/> over every route). This is what the first quote in a band
/// pays when the plan cannot be carried to a new version.
/// </summary>
internal static class PrepareProbe
{
    public static async Task<string> MeasureAsync(DispatchEngine engine, DispatchGeoPoint from, DispatchGeoPoint to, DateTimeOffset departure, int runs)
    {
        var problem = new double[runs];
        var prepare = new double[runs];
        var rent = new double[runs];
        int routes = 0, stops = 0;
        await engine.ReadPlannerAsync((planner, context) =>
        {
            var options = context.Options;
            double now = EngineClock.ToSeconds(context.Now);
            double t0 = EngineClock.ToSeconds(departure);
            var task = new TaskRecord("new", RequestKind.Passenger, from, to, new LoadVector(1, 0, 0, 0),
                new TimeWindow(t0, t0 + options.MaxWait.TotalSeconds), TimeWindow.Unbounded, double.PositiveInfinity,
                options.BoardingTime.TotalSeconds, options.AlightingTime.TotalSeconds, "");
            var usable = planner.UsableDuties(now);
            var band = planner.TravelFor(task, now);
            for (int i = 0; i < runs; i++)
            {
                long a = Stopwatch.GetTimestamp();
                var built = ProblemBuilder.Build(context.State, usable, task, now, band, options, pinPlanned: true, matrixOf: p => new PointCount(p.Length));
                long b = Stopwatch.GetTimestamp();
                var plan = PreparedPlan.Build(context.State, usable, task, now, band, options);
                long c = Stopwatch.GetTimestamp();
                plan.Rent();
                long d = Stopwatch.GetTimestamp();
                problem[i] = Stopwatch.GetElapsedTime(a, b).TotalMilliseconds;
                prepare[i] = Stopwatch.GetElapsedTime(b, c).TotalMilliseconds - problem[i];
                rent[i] = Stopwatch.GetElapsedTime(c, d).TotalMilliseconds;
                routes = built.Current.Routes.Length;
                stops = built.Current.Routes.Sum(r => r.Stops.Length);
            }
            return 0;
        });
        double Median(double[] x) => x.Order().ElementAt(x.Length / 2);
        return string.Create(CultureInfo.InvariantCulture,
            $"{routes} routes, {stops} stops, median of {runs}: problem {Median(problem):F2} ms, committed pairs and kept searches {Median(prepare):F2} ms, first insertion (matrix and insertion context) {Median(rent):F2} ms, total {Median(problem) + Median(prepare) + Median(rent):F2} ms");
    }

    private sealed class PointCount(int count) : ITravelMatrix
    {
        public int Count => count;
        public double Duration(int from, int to) => throw new InvalidOperationException();
        public double Distance(int from, int to) => throw new InvalidOperationException();
    }
}
