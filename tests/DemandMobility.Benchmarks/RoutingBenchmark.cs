using System.Diagnostics;
using DemandMobility.Routing;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Storage;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Routing suite: <c>routing [--pbf FILE] [--runs N]</c> measures build, graph-file load, one-to-one,
/// matrices, snapping and peak memory on a region, for the turn-aware (edge-based) engine and the node-based
/// one side by side; <c>routing scale [--nodes 10000,100000,1000000]</c> does the same on synthetic regions;
/// <c>routing trips</c> prints sample trips (<see cref="RoutingTrips"/>). Plain Stopwatch harness: warm-up, then
/// the median of the runs.
/// </summary>
internal static class RoutingBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length > 0 && args[0] == "scale") return RoutingScaleBenchmark.Run(args[1..]);
        if (args.Length > 0 && args[0] == "trips") return RoutingTrips.Run(args[1..]);
        string? pbf = Option(args, "--pbf") ?? FindDefaultPbf();
        int runs = int.Parse(Option(args, "--runs") ?? "5");
        if (pbf is null || !File.Exists(pbf))
        {
            Console.Error.WriteLine("routing benchmark: PBF not found; pass --pbf FILE");
            return 2;
        }
        Console.WriteLine($"routing benchmark on {pbf} ({new FileInfo(pbf).Length} bytes), {Environment.ProcessorCount} cores, median of {runs} runs");

        // Build: PBF parse + profile + graph, then hierarchy.
        ExtractionResult? extraction = null;
        ContractionHierarchy? ch = null, nodeCh = null;
        TurnGraph? turns = null;
        var extractTimes = new List<double>();
        var contractTimes = new List<double>();
        var nodeContractTimes = new List<double>();
        var turnGraphTimes = new List<double>();
        var extractCpu = new List<double>();
        var turnCpu = new List<double>();
        var nodeCpu = new List<double>();
        var proc = Process.GetCurrentProcess();
        for (int i = 0; i <= runs; i++)
        {
            proc.Refresh();
            var c0 = proc.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            extraction = GraphExtractor.Extract(pbf);
            double t1 = sw.Elapsed.TotalMilliseconds;
            proc.Refresh();
            var c1 = proc.TotalProcessorTime;
            turns = TurnGraph.Build(extraction.Graph);
            var search = turns.SearchGraph();
            double tTurns = sw.Elapsed.TotalMilliseconds;
            ch = HierarchyBuilder.Build(search);
            double t2 = sw.Elapsed.TotalMilliseconds;
            proc.Refresh();
            var c2 = proc.TotalProcessorTime;
            nodeCh = HierarchyBuilder.Build(extraction.Graph);
            double t3 = sw.Elapsed.TotalMilliseconds;
            proc.Refresh();
            var c3 = proc.TotalProcessorTime;
            if (i > 0)
            {
                extractTimes.Add(t1); contractTimes.Add(t2 - t1); nodeContractTimes.Add(t3 - t2); turnGraphTimes.Add(tTurns - t1);
                extractCpu.Add((c1 - c0).TotalMilliseconds); turnCpu.Add((c2 - c1).TotalMilliseconds); nodeCpu.Add((c3 - c2).TotalMilliseconds);
            }
        }
        var g = extraction!.Graph;
        Console.WriteLine($"road graph (node-based): {g.NodeCount} nodes, {g.EdgeCount} edges; hierarchy: {nodeCh!.UpTarget.Length} up + {nodeCh.DownSource.Length} down arcs, {nodeCh.ShortcutCount} shortcuts");
        Console.WriteLine($"turn-aware graph (edge-based): {turns!.NodeCount} nodes, {turns.ArcCount} arcs; hierarchy: {ch!.UpTarget.Length} up + {ch.DownSource.Length} down arcs, {ch.ShortcutCount} shortcuts");
        Report("build: extract (parse+profile+built-up areas+graph)", extractTimes);
        Report("build: contract node-based", nodeContractTimes);
        Report("build: turn graph (derive from road graph)", turnGraphTimes);
        Report("build: turn graph + contract turn-aware", contractTimes);
        Report("build: total turn-aware (what the service does)", extractTimes.Zip(contractTimes, (a, b) => a + b).ToList());
        // Process CPU time summed over threads: less sensitive than wall time when other work shares the cores.
        Report("build CPU: extract", extractCpu);
        Report("build CPU: contract node-based", nodeCpu);
        Report("build CPU: turn graph + contract turn-aware", turnCpu);

        string file = Path.Combine(Path.GetTempPath(), $"dm-bench-{Environment.ProcessId}.dmg");
        var content = new GraphFileContent(GraphSourceIdentity.Of(pbf, GraphStore.ProfileId(Routing.Profiles.VehicleProfiles.Minibus)), g, ch);
        GraphFile.Write(file, content);
        Console.WriteLine($"graph file: {new FileInfo(file).Length} bytes");
        var loadTimes = new List<double>();
        var routerTimes = new List<double>();
        RoadRouter? router = null;
        for (int i = 0; i <= runs; i++)
        {
            var sw = Stopwatch.StartNew();
            var read = GraphFile.Read(file, content.Source);
            double t1 = sw.Elapsed.TotalMilliseconds;
            router = new RoadRouter(read.Content!.Graph, read.Content.Hierarchy);
            double t2 = sw.Elapsed.TotalMilliseconds;
            if (i > 0) { loadTimes.Add(t1); routerTimes.Add(t2); }
        }
        File.Delete(file);
        Report("graph file: read + verify", loadTimes);
        Report("graph file: read + verify + snapping index", routerTimes);

        Console.WriteLine("== turn-aware engine (default) ==");
        RunQueries(router!, runs, seed: 1);
        Console.WriteLine("== node-based engine (no turn costs) ==");
        RunQueries(RoadRouter.BuildNodeBased(g), runs, seed: 1);
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        return 0;
    }

    internal static void RunQueries(RoadRouter router, int runs, int seed)
    {
        var points = SnappablePoints(router, 2000, seed);
        // One-to-one, snapping included, no geometry.
        var rnd = new Random(seed);
        for (int i = 0; i < 2000; i++) router.Route(new RouteRequest(points[rnd.Next(points.Count)], points[rnd.Next(points.Count)], false));
        var lat = new double[10_000];
        for (int i = 0; i < lat.Length; i++)
        {
            var req = new RouteRequest(points[rnd.Next(points.Count)], points[rnd.Next(points.Count)], false);
            long t0 = Stopwatch.GetTimestamp();
            router.Route(req);
            lat[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        Array.Sort(lat);
        Console.WriteLine($"one-to-one (snapping included, {lat.Length} random pairs): p50 {lat[lat.Length / 2]:F4} ms, p99 {lat[lat.Length * 99 / 100]:F4} ms");
        var withGeometry = new List<double>();
        for (int i = 0; i < 2000; i++)
        {
            var req = new RouteRequest(points[rnd.Next(points.Count)], points[rnd.Next(points.Count)], true);
            long t0 = Stopwatch.GetTimestamp();
            router.Route(req);
            withGeometry.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        withGeometry.Sort();
        Console.WriteLine($"one-to-one with geometry: p50 {withGeometry[withGeometry.Count / 2]:F4} ms");

        foreach (int size in new[] { 100, 1000 })
        {
            var set = points.Take(size).ToList();
            router.Table(new TableRequest(set));
            var times = new List<double>();
            var cpu = new List<double>();
            var process = Process.GetCurrentProcess();
            for (int i = 0; i < runs; i++)
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                router.Table(new TableRequest(set));
                times.Add(sw.Elapsed.TotalMilliseconds);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds);
            }
            Report($"matrix {size}x{size} (snapping included, durations+distances)", times);
            // CPU time summed over threads: less sensitive than wall time when other work shares the cores.
            Report($"matrix {size}x{size} process CPU time", cpu);
        }

        var thousand = points.Take(1000).ToList();
        var snapTimes = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var p in thousand) router.Nearest(p.Latitude, p.Longitude);
            if (i > 0) snapTimes.Add(sw.Elapsed.TotalMilliseconds);
        }
        Report("snapping 1000 points", snapTimes);
    }

    /// <summary>Random coordinates within the main component's bounding box that snap within the radius.</summary>
    internal static List<GeoCoordinate> SnappablePoints(RoadRouter router, int count, int seed)
    {
        var g = router.Graph;
        int minLat = int.MaxValue, maxLat = int.MinValue, minLon = int.MaxValue, maxLon = int.MinValue;
        for (int v = 0; v < g.NodeCount; v++)
        {
            if (!g.InMainComponent[v]) continue;
            minLat = Math.Min(minLat, g.LatitudesE7[v]); maxLat = Math.Max(maxLat, g.LatitudesE7[v]);
            minLon = Math.Min(minLon, g.LongitudesE7[v]); maxLon = Math.Max(maxLon, g.LongitudesE7[v]);
        }
        var rnd = new Random(seed);
        var result = new List<GeoCoordinate>(count);
        for (int attempts = 0; result.Count < count && attempts < count * 100; attempts++)
        {
            var p = new GeoCoordinate((minLat + rnd.NextDouble() * (maxLat - minLat)) * 1e-7, (minLon + rnd.NextDouble() * (maxLon - minLon)) * 1e-7);
            if (router.Nearest(p.Latitude, p.Longitude).IsSnapped) result.Add(p);
        }
        return result;
    }

    internal static void Report(string what, List<double> ms)
    {
        var sorted = ms.OrderBy(x => x).ToList();
        Console.WriteLine($"{what}: median {sorted[sorted.Count / 2]:F2} ms (min {sorted[0]:F2}, max {sorted[^1]:F2}, n={sorted.Count})");
    }

    internal static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? FindDefaultPbf()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string p = Path.Combine(dir.FullName, "routing-data", "north-bayreuth.osm.pbf");
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
