using Request = DemandMobility.Optimization.Model.Request;
using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Live insertion latency: one new request into a plan of 100 routes with about 20 stops each.
/// Usage: <c>dotnet run -c Release --project tests/DemandMobility.Benchmarks -- insertion [queries=500] [seed=1]</c>.
/// The plan is built first by repeated best insertion (not timed); then each query request is timed alone,
/// twice: with the one-shot <see cref="InsertionService.FindInsertions"/> (builds the working routes from the
/// plan on every call, as the dispatcher calls it today) and with a prepared <see cref="InsertionContext"/>.
/// </summary>
internal static class InsertionBenchmark
{
    public static int Run(string[] args)
    {
        int queries = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 500;
        int seed = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        const int vehicles = 100, perRoute = 10;
        var rng = new Random(seed);
        // A 30 km × 30 km area, 10 m/s: travel time in seconds = metres / 10; a 10-hour day.
        // Rufbus-style virtual stops: 1500 stop locations plus the depot, requests go between them.
        const int virtualStops = 1500;
        var points = new List<(double X, double Y)> { (15000, 15000) };
        for (int k = 0; k < virtualStops; k++) points.Add((rng.NextDouble() * 30000, rng.NextDouble() * 30000));
        var requests = new List<Request>();
        int pool = vehicles * perRoute * 3;
        int total = pool + queries;
        for (int r = 0; r < total; r++)
        {
            int from = 1 + rng.Next(virtualStops), to = 1 + rng.Next(virtualStops);
            if (to == from) to = 1 + (to % virtualStops);
            double e = rng.NextDouble() * 30000;
            requests.Add(new Request($"r{r}", RequestKind.Passenger, from, to,
                new TimeWindow(e, e + 900), TimeWindow.Unbounded, 30, 30, new LoadVector(1 + rng.Next(2), rng.Next(10) == 0 ? 1 : 0),
                double.PositiveInfinity));
        }
        var metres = DenseTravelMatrix.Euclidean(points);
        int n = points.Count;
        var dur = new double[n * n];
        var dist = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                dist[i * n + j] = metres.Distance(i, j);
                dur[i * n + j] = metres.Distance(i, j) / 10;
            }
        var matrix = new DenseTravelMatrix(n, dur, dist);
        // Ride limit: 1.5 × direct + 10 min.
        for (int r = 0; r < total; r++)
        {
            var q = requests[r];
            requests[r] = q with { MaxRideTime = RideTimeLimit.FromDetourFactor(matrix.Duration(q.PickupLocation, q.DeliveryLocation), 1.5, 600) };
        }
        var fleet = Enumerable.Range(0, vehicles)
            .Select(v => new Vehicle($"v{v}", 0, 0, new TimeWindow(0, 40000), new LoadVector(8, 1))).ToImmutableArray();
        var problem = new Problem(fleet, requests.ToImmutableArray(), matrix, new ObjectiveWeights(TravelTime: 1, Distance: 0));

        // Build the plan: each vehicle gets up to perRoute requests by best insertion restricted to it.
        var routes = new RoutePlan?[vehicles];
        int next = 0;
        for (int v = 0; v < vehicles; v++)
        {
            var pinned = problem with { Requests = problem.Requests.Select(q => q with { PinnedVehicle = v }).ToImmutableArray() };
            int placed = 0;
            for (int attempts = 0; placed < perRoute && attempts < 3 * perRoute && next < pool; attempts++, next++)
            {
                var plan = PlanOf(routes);
                var opts = InsertionService.FindInsertions(pinned, plan, next, 1);
                if (opts.Count == 0) continue;
                routes[v] = opts[0].Route;
                placed++;
            }
        }
        var basePlan = PlanOf(routes);
        int stops = basePlan.Routes.Sum(r => r.Stops.Length);
        Console.WriteLine($"plan: {basePlan.Routes.Length} routes, {stops} stops ({(double)stops / basePlan.Routes.Length:F1} per route)");

        int first = pool;
        for (int w = 0; w < Math.Min(50, queries); w++) InsertionService.FindInsertions(problem, basePlan, first + w, 10);
        var oneShot = Measure(queries, k => InsertionService.FindInsertions(problem, basePlan, first + k, 10).Count);
        Print("one-shot InsertionService.FindInsertions (prepares the plan per call)", queries, oneShot);

        var prepare = Measure(Math.Min(queries, 200), k => new InsertionContext(problem, basePlan).Problem.Requests.Length);
        Print("preparing an InsertionContext alone", Math.Min(queries, 200), prepare);
        var context = new InsertionContext(problem, basePlan);
        for (int w = 0; w < Math.Min(50, queries); w++) context.FindInsertions(first + w, 10);
        var cached = Measure(queries, k => context.FindInsertions(first + k, 10).Count);
        Print("cached InsertionContext.FindInsertions (plan prepared once)", queries, cached);
        // The returned options (route plans with their schedules) are the allocation that remains; one option shows it.
        var single = Measure(queries, k => context.FindInsertions(first + k, 1).Count);
        Print("cached InsertionContext.FindInsertions, maxOptions 1", queries, single);
        return 0;
    }

    private sealed record Measurement(double[] Times, double[] Cpu, long AllocatedBytes, int Feasible);

    private static Measurement Measure(int queries, Func<int, int> query)
    {
        var times = new double[queries];
        var cpu = new double[queries];
        var proc = Process.GetCurrentProcess();
        int feasible = 0;
        long allocated = 0;
        var clock = new Stopwatch();
        for (int k = 0; k < queries; k++)
        {
            proc.Refresh();
            var cpuBefore = proc.TotalProcessorTime;
            long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
            clock.Restart();
            int options = query(k);
            clock.Stop();
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
            proc.Refresh();
            times[k] = clock.Elapsed.TotalMilliseconds;
            cpu[k] = (proc.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            if (options > 0) feasible++;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        return new Measurement(times, cpu, allocated, feasible);
    }

    private static void Print(string label, int queries, Measurement m)
    {
        var times = m.Times;
        var cpu = m.Cpu;
        Console.WriteLine($"{label}:");
        Console.WriteLine($"  {queries} queries, {m.Feasible} with options; median {times[queries / 2]:F3} ms, p90 {times[(int)(queries * 0.9)]:F3} ms, p99 {times[(int)(queries * 0.99)]:F3} ms, max {times[^1]:F3} ms; allocated {m.AllocatedBytes / queries} bytes/query (returned options and their routes included)");
        // Process CPU time (all threads, ~1 ms resolution on Linux) tells whether slow wall-clock outliers come from a busy machine.
        Console.WriteLine($"  process CPU per query: median {cpu[queries / 2]:F3} ms, p99 {cpu[(int)(queries * 0.99)]:F3} ms; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }


    private static Solution PlanOf(RoutePlan?[] routes) =>
        new(routes.Where(r => r is not null).Select(r => r!).ToImmutableArray(), ImmutableArray<int>.Empty, 0);
}
