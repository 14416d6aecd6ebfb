using DemandMobility.Routing;
using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Profiles;

namespace DemandMobility.Benchmarks;

/// <summary>
/// <c>routing trips [--pbf FILE] [--count N] [--seed S]</c>: prints a sample of random trips (straight line at
/// least 2 km) with distance, van and bus duration and average speed, free flow and at an 07:30 departure, and
/// the medians, so a reader can judge the travel times against their own experience or another router.
/// </summary>
internal static class RoutingTrips
{
    public static int Run(string[] args)
    {
        string? pbf = Option(args, "--pbf") ?? FindDefaultPbf();
        int count = int.Parse(Option(args, "--count") ?? "20");
        int seed = int.Parse(Option(args, "--seed") ?? "11");
        if (pbf is null || !File.Exists(pbf))
        {
            Console.Error.WriteLine("routing trips: PBF not found; pass --pbf FILE");
            return 2;
        }
        var van = RoadRouter.Build(GraphExtractor.Extract(pbf, VehicleProfiles.Van).Graph);
        var bus = RoadRouter.Build(GraphExtractor.Extract(pbf, VehicleProfiles.Bus).Graph);
        var points = RoutingBenchmark.SnappablePoints(van, 4 * count + 200, seed);
        var zone = van.TimeOfDay.TimeZone;
        var local = new DateTime(2026, 3, 10, 7, 30, 0);
        var peak = new DateTimeOffset(local, zone.GetUtcOffset(local));
        Console.WriteLine($"sample trips on {pbf} (random snappable points, straight line >= 2 km, seed {seed})");
        Console.WriteLine("  from (lat, lon)        to (lat, lon)          km    van min  van km/h  van 07:30 min  bus min  bus km/h");
        var vanSpeeds = new List<double>();
        var busSpeeds = new List<double>();
        int shown = 0;
        for (int i = 0; i + 1 < points.Count && shown < count; i += 2)
        {
            GeoCoordinate a = points[i], b = points[i + 1];
            double straight = DemandMobility.Routing.Extract.GeoMath.HaversineMeters((int)(a.Latitude * 1e7), (int)(a.Longitude * 1e7), (int)(b.Latitude * 1e7), (int)(b.Longitude * 1e7));
            if (straight < 2000) continue;
            var v = van.Route(new RouteRequest(a, b, false));
            var vp = van.Route(new RouteRequest(a, b, false, peak));
            var u = bus.Route(new RouteRequest(a, b, false));
            if (!v.IsOk || !u.IsOk || !vp.IsOk) continue;
            double vKmh = v.DistanceMetres / v.DurationSeconds * 3.6, uKmh = u.DistanceMetres / u.DurationSeconds * 3.6;
            vanSpeeds.Add(vKmh);
            busSpeeds.Add(uKmh);
            shown++;
            Console.WriteLine($"  {a.Latitude,8:F5} {a.Longitude,8:F5}   {b.Latitude,8:F5} {b.Longitude,8:F5}   {v.DistanceMetres / 1000,5:F1}  {v.DurationSeconds / 60,7:F1}  {vKmh,8:F1}  {vp.DurationSeconds / 60,13:F1}  {u.DurationSeconds / 60,7:F1}  {uKmh,8:F1}");
        }
        vanSpeeds.Sort();
        busSpeeds.Sort();
        if (shown > 0)
            Console.WriteLine($"median average speed over {shown} trips: van {vanSpeeds[shown / 2]:F1} km/h, bus {busSpeeds[shown / 2]:F1} km/h");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? FindDefaultPbf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string p = Path.Combine(dir.FullName, "routing-data", "north-bayreuth.osm.pbf");
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
