using System.Diagnostics;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Storage;

namespace DemandMobility.Benchmarks;

/// <summary>
/// <c>transit-plan [--vehicles 50] [--bookings 1000] [--plans 300] [--seed 1]</c>: the embedded region with its
/// illustrative feed, an in-process engine with the fleet on shift and the bookings confirmed over the day, then
/// intermodal plans (village in the on-demand area → Bayreuth, half of them arrive-by), each a full
/// <see cref="JourneyPlanner.PlanAsync"/> with its engine quotes. Prints p50/p90/p99 latency.
/// </summary>
internal static class TransitPlanBenchmark
{
    private static readonly GeoPoint[] Area = [new(49.977, 11.49), new(49.977, 11.6), new(50.04, 11.6), new(50.043, 11.545), new(50.04, 11.49)];

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        int vehicles = int.Parse(RoutingBenchmark.Option(args, "--vehicles") ?? "50");
        int bookings = int.Parse(RoutingBenchmark.Option(args, "--bookings") ?? "1000");
        int plans = int.Parse(RoutingBenchmark.Option(args, "--plans") ?? "300");
        int seed = int.Parse(RoutingBenchmark.Option(args, "--seed") ?? "1");
        string root = FindRoot();
        var router = RoadRouter.LoadOrBuild(Path.Combine(root, "routing-data/north-bayreuth.osm.pbf"));
        var travel = new RoadRouterTravelTimeService(router);
        var timetable = TimetableStore.LoadOrImport(Path.Combine(root, "routing-data/transit/illustrative")).Timetable;
        var clock = ServiceClock.For(timetable.TimeZone);
        var day = new DateOnly(2026, 12, 8);
        var now = clock.ToInstant(day, 5 * 3600);
        var area = new ServiceArea(Area);
        var engine = await OnDemandFleet.OpenAsync(new DispatchOptions { ServiceArea = area, PromiseWindow = TimeSpan.FromMinutes(15) }, travel,
            new FixedClock(now), vehicles, new GeoPoint(49.983, 11.585), now, now.AddHours(18), seed);
        var rng = new Random(seed);
        var sw = Stopwatch.StartNew();
        int confirmed = 0, attempts = 0;
        while (confirmed < bookings && attempts < bookings * 4)
        {
            attempts++;
            var from = RandomPoint(rng, area);
            var to = RandomPoint(rng, area);
            var at = clock.ToInstant(day, 6 * 3600 + rng.Next(14 * 3600));
            var q = await engine.RequestQuoteAsync(CallerIdentity.Rider("fill"), new QuoteRequest(new PlaceRef(from), new PlaceRef(to), at, null));
            if (q.Value?.Offer is { } offer && (await engine.ConfirmOfferAsync(CallerIdentity.Rider("fill"), offer.OfferId)).IsSuccess) confirmed++;
        }
        Console.WriteLine($"{confirmed} bookings confirmed ({attempts} quotes) with {vehicles} vehicles in {sw.Elapsed.TotalSeconds:F1} s");

        var planner = new JourneyPlanner(timetable, engine, travel);
        var bayreuth = new GeoPoint(49.9480, 11.5760);
        var times = new List<double>();
        int withOnDemand = 0;
        for (int i = 0; i < plans; i++)
        {
            var village = RandomPoint(rng, area);
            bool arriveBy = (i & 1) == 1;
            var at = clock.ToInstant(day, 6 * 3600 + rng.Next(13 * 3600));
            var request = arriveBy ? new JourneyRequest(village, bayreuth, at, true) : new JourneyRequest(bayreuth, village, at);
            if ((i & 2) == 0) request = request with { From = village, To = bayreuth };
            long t0 = Stopwatch.GetTimestamp();
            var plan = await planner.PlanAsync(request);
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (plan.Itineraries.Any(it => it.HasOnDemandLeg)) withOnDemand++;
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"intermodal plan latency over {plans} plans ({withOnDemand} with an on-demand leg): p50 {P(0.5):F1} ms, p90 {P(0.9):F1} ms, p99 {P(0.99):F1} ms, max {times[^1]:F1} ms; loadavg {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    private static GeoPoint RandomPoint(Random rng, ServiceArea area)
    {
        while (true)
        {
            var p = new GeoPoint(49.977 + rng.NextDouble() * 0.066, 11.49 + rng.NextDouble() * 0.11);
            if (area.Contains(p)) return p;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("run from inside the repository");
    }
}
