using System.Diagnostics;
using DemandMobility.Routing;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Storage;
using DemandMobility.Routing.Synthetic;

namespace DemandMobility.Benchmarks;

/// <summary>
/// <c>routing scale [--nodes 10000,100000,1000000] [--runs N]</c>: per size, generates a synthetic region PBF
/// (router part A's generator, seed 1), then measures extract, contract, graph-file size and load, queries
/// and the 1000×1000 matrix. Each size runs once for the build (large sizes take long); queries use the median.
/// </summary>
internal static class RoutingScaleBenchmark
{
    public static int Run(string[] args)
    {
        var sizes = (RoutingBenchmark.Option(args, "--nodes") ?? "10000,100000,1000000").Split(',').Select(int.Parse).ToArray();
        int runs = int.Parse(RoutingBenchmark.Option(args, "--runs") ?? "5");
        string dir = Path.Combine(Path.GetTempPath(), $"dm-scale-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            foreach (int size in sizes)
            {
                string pbf = Path.Combine(dir, $"synthetic-{size}.osm.pbf");
                var sw = Stopwatch.StartNew();
                var summary = SyntheticRegion.Write(pbf, size, seed: 1);
                Console.WriteLine($"== synthetic region target {size:N0} road nodes: {summary.RoadNodes:N0} road nodes, {new FileInfo(pbf).Length:N0} bytes PBF (generated in {sw.Elapsed.TotalSeconds:F1} s)");
                GC.Collect();
                long memBefore = GC.GetTotalMemory(true);
                var process = Process.GetCurrentProcess();
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                sw.Restart();
                var extraction = GraphExtractor.Extract(pbf);
                double extractMs = sw.Elapsed.TotalMilliseconds;
                process.Refresh();
                var cpu1 = process.TotalProcessorTime;
                sw.Restart();
                var ch = HierarchyBuilder.Build(extraction.Graph);
                double contractMs = sw.Elapsed.TotalMilliseconds;
                process.Refresh();
                var cpu2 = process.TotalProcessorTime;
                var g = extraction.Graph;
                Console.WriteLine($"graph {g.NodeCount:N0} nodes, {g.EdgeCount:N0} edges; {ch.ShortcutCount:N0} shortcuts");
                Console.WriteLine($"build: extract {extractMs:F0} ms, contract {contractMs:F0} ms, total {extractMs + contractMs:F0} ms; peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
                // Process CPU time (all threads): the work done, less distorted than wall time on a shared machine.
                Console.WriteLine($"build CPU time: extract {(cpu1 - cpu0).TotalMilliseconds:F0} ms, contract {(cpu2 - cpu1).TotalMilliseconds:F0} ms");
                string file = Path.Combine(dir, $"synthetic-{size}.dmg");
                var content = new GraphFileContent(new GraphSourceIdentity(0, 0, "scale"), g, ch);
                GraphFile.Write(file, content);
                Console.WriteLine($"graph file {new FileInfo(file).Length:N0} bytes");
                extraction = null;
                content = null;
                var loadTimes = new List<double>();
                RoadRouter? router = null;
                for (int i = 0; i < 3; i++)
                {
                    sw.Restart();
                    var read = GraphFile.Read(file);
                    router = new RoadRouter(read.Content!.Graph, read.Content.Hierarchy);
                    loadTimes.Add(sw.Elapsed.TotalMilliseconds);
                }
                RoutingBenchmark.Report("graph file load + snapping index", loadTimes);
                RoutingBenchmark.RunQueries(router!, runs, seed: 1);
                Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB (managed heap after build {(GC.GetTotalMemory(false) - memBefore) / (1024 * 1024)} MiB)");
                File.Delete(pbf);
                File.Delete(file);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return 0;
    }
}
