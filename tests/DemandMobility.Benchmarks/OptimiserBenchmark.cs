using System.Diagnostics;
using System.Globalization;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Suite <c>optimiser</c>: quality and search speed on a benchmark folder.
/// <c>optimiser darp|pdptw DIR [--time S] [--iterations N] [--seed N] [--workers N] [--only name,name] [--no-2opt-star]
/// [--route-min-attempt N] [--fleet-walk-share X] [--route-min-share X] [--route-min-failures N] [--eject-max N] [--perturb N] [--no-relocating-insertion] [--route-min-repair N] [--bank-arcs X] [--start-worse X] [--q-fraction X]
/// [--q-max N] [--pool N] [--pool-admit X] [--recombine-every N] [--recombine-work X] [--episodes N] [--episode-length N]
/// [--episode-ruin X] [--exchange-stall N] [--no-exchange-relink] [--trace]</c> (the tuning options override <see cref="SolverTuning"/>'s defaults, for A/B runs) prints the machine, then per instance the gap to the BKS, vehicles, validity,
/// iterations done and iterations per second, and when the best-known fleet was first reached (iteration and the
/// process's CPU seconds since the instance started: with one worker the work the search needed to get there) and the
/// CPU seconds of the whole instance, then means. With <c>--iterations</c> the result does not depend on
/// the machine's load (the time limit then only guards against a hang), which makes A/B comparisons of solver
/// changes possible on a shared machine.
/// </summary>
internal static class OptimiserBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || (args[0] != "darp" && args[0] != "pdptw"))
        {
            Console.Error.WriteLine("usage: optimiser darp|pdptw DIR [--time S] [--iterations N] [--seed N] [--workers N] [--only name,name] [--no-2opt-star] [--route-min-attempt N] [--fleet-walk-share X] [--route-min-share X] [--route-min-failures N] [--eject-max N] [--perturb N] [--no-relocating-insertion] [--route-min-repair N] [--bank-arcs X] [--start-worse X] [--q-fraction X] [--q-max N] [--pool N] [--pool-admit X] [--recombine-every N] [--recombine-work X] [--episodes N] [--episode-length N] [--episode-ruin X] [--exchange-stall N] [--no-exchange-relink] [--trace]");
            return 2;
        }
        var family = args[0] == "darp" ? BenchmarkFamily.Darp : BenchmarkFamily.LiLim;
        string dir = args[1];
        double seconds = double.Parse(Option(args, "--time") ?? "10", CultureInfo.InvariantCulture);
        int seed = int.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        long iterations = long.Parse(Option(args, "--iterations") ?? long.MaxValue.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int workers = int.Parse(Option(args, "--workers") ?? "1", CultureInfo.InvariantCulture);
        var tuning = new SolverTuning(TwoOptStar: !args.Contains("--no-2opt-star"))
        {
        };
        if (Option(args, "--route-min-attempt") is string attempt) tuning = tuning with { RouteMinAttemptIterations = long.Parse(attempt, CultureInfo.InvariantCulture) };
        if (Option(args, "--fleet-walk-share") is string walkShare) tuning = tuning with { FleetWalkShare = double.Parse(walkShare, CultureInfo.InvariantCulture) };
        if (Option(args, "--route-min-share") is string share) tuning = tuning with { RouteMinShare = double.Parse(share, CultureInfo.InvariantCulture) };
        if (Option(args, "--route-min-failures") is string failures) tuning = tuning with { RouteMinFailures = int.Parse(failures, CultureInfo.InvariantCulture) };
        if (Option(args, "--eject-max") is string ejectMax) tuning = tuning with { EjectionMax = int.Parse(ejectMax, CultureInfo.InvariantCulture) };
        if (Option(args, "--route-min-repair") is string repair) tuning = tuning with { RouteMinRepairIterations = long.Parse(repair, CultureInfo.InvariantCulture) };
        if (args.Contains("--no-relocating-insertion")) tuning = tuning with { RelocatingInsertion = false };
        if (Option(args, "--perturb") is string perturb) tuning = tuning with { PerturbationMoves = int.Parse(perturb, CultureInfo.InvariantCulture) };
        if (Option(args, "--bank-arcs") is string bankArcs) tuning = tuning with { BankPenaltyArcs = double.Parse(bankArcs, CultureInfo.InvariantCulture) };
        if (Option(args, "--start-worse") is string startWorse) tuning = tuning with { StartWorse = double.Parse(startWorse, CultureInfo.InvariantCulture) };
        if (Option(args, "--q-fraction") is string qFraction) tuning = tuning with { QFraction = double.Parse(qFraction, CultureInfo.InvariantCulture) };
        if (Option(args, "--pool") is string pool) tuning = tuning with { RoutePoolCapacity = int.Parse(pool, CultureInfo.InvariantCulture) };
        if (Option(args, "--pool-admit") is string admit) tuning = tuning with { RoutePoolAdmit = double.Parse(admit, CultureInfo.InvariantCulture) };
        if (Option(args, "--recombine-every") is string every) tuning = tuning with { RecombineInterval = long.Parse(every, CultureInfo.InvariantCulture) };
        if (Option(args, "--recombine-work") is string work) tuning = tuning with { RecombineWorkLimit = double.Parse(work, CultureInfo.InvariantCulture) };
        if (Option(args, "--episodes") is string episodes) tuning = tuning with { Episodes = int.Parse(episodes, CultureInfo.InvariantCulture) };
        if (Option(args, "--episode-length") is string episodeLength) tuning = tuning with { EpisodeLength = long.Parse(episodeLength, CultureInfo.InvariantCulture) };
        if (Option(args, "--episode-ruin") is string episodeRuin) tuning = tuning with { EpisodeRuinShare = double.Parse(episodeRuin, CultureInfo.InvariantCulture) };
        if (Option(args, "--exchange-stall") is string stall) tuning = tuning with { ExchangeStallRounds = int.Parse(stall, CultureInfo.InvariantCulture) };
        if (args.Contains("--no-exchange-relink")) tuning = tuning with { ExchangeRelink = false };
        if (Option(args, "--q-max") is string qMax) tuning = tuning with { QMaxCap = int.Parse(qMax, CultureInfo.InvariantCulture) };
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        string bksPath = File.Exists(Path.Combine(dir, "bks.csv")) ? Path.Combine(dir, "bks.csv") : Path.Combine(dir, "..", "bks.csv");
        var bks = File.Exists(bksPath) ? BksTable.Read(bksPath) : null;
        var files = Directory.GetFiles(dir, "*.txt").OrderBy(f => f, StringComparer.Ordinal)
            .Where(f => only is null || only.Contains(Path.GetFileNameWithoutExtension(f))).ToList();

        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, {CpuModel()}, {RamGb():F0} GB RAM, .NET {Environment.Version}");
        Console.WriteLine($"time limit {seconds.ToString(CultureInfo.InvariantCulture)} s per instance, iterations {(iterations == long.MaxValue ? "unlimited" : iterations.ToString(CultureInfo.InvariantCulture))}, seed {seed}, workers {workers}, {tuning}");
        Console.WriteLine();
        Console.WriteLine("| instance | BKS | ours | gap % | vehicles | BKS vehicles | valid | iterations | iterations/s | BKS fleet at iteration | BKS fleet at CPU s | CPU s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        var gaps = new List<double>();
        int valid = 0, hits = 0, withVehicles = 0;
        foreach (var file in files)
        {
            var instance = family == BenchmarkFamily.Darp ? DarpReader.Read(file) : LiLimReader.Read(file);
            var entry = bks?.Find(instance.Name);
            var progress = new LastProgress(entry?.Vehicles, args.Contains("--trace") ? instance.Name : null);
            var run = BenchmarkRunner.Run(instance, new SolverOptions(TimeSpan.FromSeconds(seconds), iterations, seed, workers), tuning, entry, progress);
            if (run.Validation.IsValid) valid++;
            if (run.ExtraVehicles is int extra)
            {
                withVehicles++;
                if (extra <= 0) hits++;
            }
            if (run.DistanceComparable && run.GapPercent is double gap) gaps.Add(gap);
            long done = progress.Last?.Iteration ?? 0;
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:F4} | {2:F4} | {3} | {4} | {5} | {6} | {7} | {8:F0} | {9} | {10} | {11:F2} |",
                instance.Name, entry?.Cost, run.Distance, run.GapPercent?.ToString("F3", CultureInfo.InvariantCulture) ?? "–",
                run.Vehicles, entry?.Vehicles, run.Validation.IsValid ? "yes" : "NO", done, done / run.Elapsed.TotalSeconds,
                progress.FleetIteration?.ToString(CultureInfo.InvariantCulture) ?? "–",
                progress.FleetCpuSeconds?.ToString("F2", CultureInfo.InvariantCulture) ?? "–", progress.CpuSeconds()));
        }
        Console.WriteLine();
        Console.WriteLine($"instances {files.Count}, valid {valid}" + (withVehicles > 0 ? $", BKS vehicles {hits}/{withVehicles}" : ""));
        if (gaps.Count > 0)
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "mean gap {0:F3} %, max gap {1:F3} % over {2} instances", gaps.Average(), gaps.Max(), gaps.Count));
        return valid == files.Count ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static double RamGb() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9;

    /// <summary>Keeps the last progress report to read the iteration count after the run, and the first report of a
    /// best plan that serves everyone with the best-known fleet (every new best is reported at once); with
    /// <c>--trace</c> also writes each report that changes the best (cost or vehicles) to stderr, to see when the fleet
    /// phase ends and how the distance search converges.</summary>
    private sealed class LastProgress(int? bksVehicles, string? traceName) : IProgress<SolverProgress>
    {
        private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

        public SolverProgress? Last { get; private set; }
        public long? FleetIteration { get; private set; }
        public double? FleetCpuSeconds { get; private set; }

        /// <summary>The process's CPU seconds since the instance started.</summary>
        public double CpuSeconds() => (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;

        public void Report(SolverProgress value)
        {
            if (traceName is not null && (Last is not { } last || last.BestCost != value.BestCost || last.BestVehicles != value.BestVehicles))
                Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "trace {0} {1:F1}s it {2} vehicles {3} cost {4:F2}",
                    traceName, value.Elapsed.TotalSeconds, value.Iteration, value.BestVehicles, value.BestCost));
            Last = value;
            if (FleetIteration is null && bksVehicles is int target && value.BestUnserved == 0 && value.BestVehicles <= target)
            {
                FleetIteration = value.Iteration;
                FleetCpuSeconds = CpuSeconds();
            }
        }
    }
}
