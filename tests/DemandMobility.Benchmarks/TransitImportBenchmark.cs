using System.Diagnostics;
using DemandMobility.Transit.Gtfs;
using DemandMobility.Transit.Storage;
using DemandMobility.Transit.Synthetic;

namespace DemandMobility.Benchmarks;

/// <summary>
/// <c>transit-import [--stop-times 30000000] [--dir DIR] [--runs 1] [--keep]</c>: generates a synthetic national-size
/// GTFS feed (seed 1) unless DIR already holds one, then imports it <c>--runs</c> times, reporting wall time,
/// process CPU time, peak working set and the timetable file's write/load times. The feed is deleted afterwards
/// unless <c>--keep</c>.
/// </summary>
internal static class TransitImportBenchmark
{
    public static int Run(string[] args)
    {
        long stopTimes = long.Parse(RoutingBenchmark.Option(args, "--stop-times") ?? "30000000");
        int runs = int.Parse(RoutingBenchmark.Option(args, "--runs") ?? "1");
        string dir = RoutingBenchmark.Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), $"dm-gtfs-{stopTimes}");
        bool keep = args.Contains("--keep");
        var sw = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(dir, "stop_times.txt")))
        {
            var s = SyntheticFeed.Write(dir, stopTimes);
            Console.WriteLine($"generated {dir}: {s.Stops:N0} stops, {s.Routes:N0} routes, {s.Trips:N0} trips, {s.StopTimes:N0} stop times, {s.Bytes / 1e6:F0} MB in {sw.Elapsed.TotalSeconds:F1} s");
        }
        try
        {
            var times = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                GC.Collect();
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                sw.Restart();
                var tt = GtfsImporter.Import(dir);
                double seconds = sw.Elapsed.TotalSeconds;
                process.Refresh();
                times.Add(seconds);
                Console.WriteLine($"import {i + 1}: {seconds:F1} s wall, {(process.TotalProcessorTime - cpu0).TotalSeconds:F1} s CPU; {tt.StopCount:N0} stops, {tt.TripCount:N0} trips, " +
                                  $"{tt.StopTimeCount:N0} stop times, {tt.ConnectionCount:N0} connections, {tt.FootpathCount:N0} footpaths; " +
                                  $"peak working set {process.PeakWorkingSet64 / (1024 * 1024):N0} MiB; load {Environment.ProcessorCount} cpus, {File.ReadAllText("/proc/loadavg").Split(' ')[0]} loadavg");
                if (i == runs - 1)
                {
                    string file = Path.Combine(dir, "feed.dmt");
                    sw.Restart();
                    TimetableFile.Write(file, tt, new FeedIdentity(0, 0, "bench"));
                    double write = sw.Elapsed.TotalSeconds;
                    tt = null;
                    GC.Collect();
                    sw.Restart();
                    var read = TimetableFile.Read(file);
                    Console.WriteLine($"timetable file {new FileInfo(file).Length / 1e6:F0} MB: write {write:F1} s, load {sw.Elapsed.TotalSeconds:F1} s ({read.Status})");
                    File.Delete(file);
                }
            }
            times.Sort();
            Console.WriteLine($"median import {times[times.Count / 2]:F1} s over {runs} run(s)");
            return 0;
        }
        finally
        {
            if (!keep) Directory.Delete(dir, true);
        }
    }
}
