using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Validation;
using DemandMobility.Routing;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Suite <c>sprinti-day</c>: generates a Sprinti-style day (<see cref="SprintiDayGenerator"/>) and solves it, printing
/// the best cost over time (convergence curve), the time to the first complete plan and the validation of the final plan.
/// <c>sprinti-day [--requests N] [--vehicles V] [--seed S] [--pbf FILE] [--graph FILE] [--time S] [--workers N] [--decomposition on|off|both|default] [--sub-iterations N] [--sub-requests N] [--granular-from N] [--neighbours K] [--iterations N] [--trace] [--checkpoints S,S] [--csv FILE] [--out DIR]</c>
/// (defaults: 6000 requests, 120 vehicles, seed 1, ../shared/osm/north-bayreuth.osm.pbf, 300 s, one worker per CPU).
/// With <c>--out</c> it writes the instance (<c>NAME.instance.json</c>: stops, requests, vehicles) and the plan in the
/// solution JSON format (<c>NAME.solution.json</c>, node = stop index). <c>--granular-from</c>/<c>--neighbours</c> set where the
/// pair local searches become granular and how many neighbours they use; <c>--iterations</c> limits the search by iterations
/// (with <c>1</c>: construction and the first local search only, whose result does not depend on the machine's load);
/// <c>--trace</c> prints every improvement of the best with the wall-clock and the process CPU time it took.
/// The convergence table gives the best plan's cost at fixed wall-clock checkpoints (default 5 s, 1, 2, 5, 10, 20 and
/// 30 min, and the limit; <c>--checkpoints S,S,…</c> in seconds); <c>--csv FILE</c> also writes it as CSV (one row per
/// run and checkpoint: decomposition mode, seconds, cost, vehicles, unserved, iterations, process CPU seconds).
/// </summary>
internal static class SprintiDayBenchmark
{
    private static readonly double[] DefaultCheckpoints = [5, 60, 120, 300, 600, 1200, 1800];

    public static int Run(string[] args)
    {
        var c = CultureInfo.InvariantCulture;
        int requests = int.Parse(Option(args, "--requests") ?? "6000", c);
        int vehicles = int.Parse(Option(args, "--vehicles") ?? "120", c);
        int seed = int.Parse(Option(args, "--seed") ?? "1", c);
        double seconds = double.Parse(Option(args, "--time") ?? "300", c);
        int workers = int.Parse(Option(args, "--workers") ?? Environment.ProcessorCount.ToString(c), c);
        string pbf = Option(args, "--pbf") ?? Path.Combine("..", "shared", "osm", "north-bayreuth.osm.pbf");
        string graph = Option(args, "--graph") ?? Path.Combine(Path.GetTempPath(), Path.GetFileNameWithoutExtension(pbf) + ".dmgraph");
        string? outDir = Option(args, "--out");
        string? csvPath = Option(args, "--csv");
        double[] checkpoints = Option(args, "--checkpoints") is string list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, c)).ToArray()
            : DefaultCheckpoints;
        var csv = new List<string> { "decomposition,after_s,best_cost,vehicles,unserved,iterations,cpu_s" };
        if (!File.Exists(pbf))
        {
            Console.Error.WriteLine($"error: OSM extract '{pbf}' not found (--pbf)");
            return 2;
        }

        var sw = Stopwatch.StartNew();
        var router = RoadRouter.LoadOrBuild(pbf, graph);
        var day = SprintiDayGenerator.Generate(pbf, router, requests, vehicles, seed);
        var problem = day.Instance.Problem;
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, load {Load()}");
        Console.WriteLine(string.Format(c, "instance {0}: {1} requests ({2} of the demand model's trips left out), {3} virtual stops, {4} vehicles; generated in {5:F1} s",
            day.Instance.Name, problem.Requests.Length, day.Dropped, day.Stops.Length, vehicles, sw.Elapsed.TotalSeconds));

        // --decomposition on|off forces the decomposition phase on or off whatever the size (default: the solver's
        // threshold); both: the same instance and seed solved without and then with it.
        string mode = Option(args, "--decomposition") ?? "default";
        if (mode is not ("on" or "off" or "both" or "default"))
        {
            Console.Error.WriteLine($"error: --decomposition must be on, off, both or default, not '{mode}'");
            return 2;
        }
        var defaults = new SolverTuning();
        long subIterations = long.Parse(Option(args, "--sub-iterations") ?? defaults.DecompositionIterations.ToString(c), c);
        int subRequests = int.Parse(Option(args, "--sub-requests") ?? defaults.DecompositionSubRequests.ToString(c), c);
        int granularFrom = int.Parse(Option(args, "--granular-from") ?? defaults.GranularFrom.ToString(c), c);
        int neighbours = int.Parse(Option(args, "--neighbours") ?? defaults.GranularNeighbours.ToString(c), c);
        bool trace = args.Contains("--trace");
        long iterations = long.Parse(Option(args, "--iterations") ?? long.MaxValue.ToString(c), c);
        bool allValid = true;
        Solution solution = null!;
        foreach (string run in mode == "both" ? ["off", "on"] : new[] { mode })
        {
            var tuning = run switch
            {
                "on" => defaults with { DecompositionFrom = 0 },
                "off" => defaults with { DecompositionFrom = int.MaxValue },
                _ => defaults,
            } with { DecompositionIterations = subIterations, DecompositionSubRequests = subRequests, GranularFrom = granularFrom, GranularNeighbours = neighbours };
            Console.WriteLine($"decomposition {run} (from {tuning.DecompositionFrom} requests, subproblems of {tuning.DecompositionSubRequests} requests, {tuning.DecompositionIterations} iterations each), granular from {tuning.GranularFrom} requests ({tuning.GranularNeighbours} neighbours), load {Load()}");
            solution = SolveAndReport(problem, day, tuning, seconds, iterations, seed, workers, trace, checkpoints, run, csv);
            allValid &= SolutionValidator.Validate(problem, solution).IsValid;
        }
        if (csvPath is not null) File.WriteAllLines(csvPath, csv);
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, day.Instance.Name + ".solution.json"), SolutionJson.Write(day.Instance, solution));
            File.WriteAllText(Path.Combine(outDir, day.Instance.Name + ".instance.json"), JsonSerializer.Serialize(new
            {
                name = day.Instance.Name,
                stops = day.Stops.Select(s => new { lat = s.Latitude, lon = s.Longitude }),
                depot = day.Instance.StartDepotNodeId,
                vehicles = problem.Vehicles.Select(v => new { id = v.Id, shift = new[] { v.Shift.Earliest, v.Shift.Latest }, seats = v.Capacity.Seats, wheelchairs = v.Capacity.Wheelchairs }),
                requests = problem.Requests.Select(r => new
                {
                    id = r.Id, pickup = r.PickupLocation, delivery = r.DeliveryLocation,
                    pickupWindow = new[] { r.PickupWindow.Earliest, r.PickupWindow.Latest },
                    deliveryWindow = new[] { r.DeliveryWindow.Earliest, r.DeliveryWindow.Latest },
                    seats = r.Load.Seats, wheelchairs = r.Load.Wheelchairs, maxRide = r.MaxRideTime, service = r.PickupServiceTime,
                }),
            }));
        }
        return allValid ? 0 : 1;
    }

    /// <summary>Solves the day once, prints the convergence table, the first complete plan and the validation; returns the plan.</summary>
    private static Solution SolveAndReport(Problem problem, SprintiDayGenerator.Day day, SolverTuning tuning, double seconds, long iterations, int seed, int workers, bool trace,
        double[] checkpoints, string run, List<string> csv)
    {
        var c = CultureInfo.InvariantCulture;
        var curve = new ConvergenceRecorder();
        var clock = Stopwatch.StartNew();
        var solution = new Solver(new SolverOptions(TimeSpan.FromSeconds(seconds), iterations, seed, workers), tuning).Solve(problem, null, curve);
        double wall = clock.Elapsed.TotalSeconds;
        double cpu = curve.Cpu();
        var validation = SolutionValidator.Validate(problem, solution);
        Console.WriteLine($"time limit {seconds.ToString(c)} s, workers {workers}, seed {seed}");
        Console.WriteLine();
        Console.WriteLine("| after s | best cost (m) | vehicles | unserved | iterations | process CPU s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (double t in checkpoints.Where(t => t <= seconds).Append(seconds).Distinct())
            if (curve.At(t) is { } at)
            {
                var (p, cpuAt) = at;
                Console.WriteLine(string.Format(c, "| {0:F0} | {1:F0} | {2} | {3} | {4} | {5:F1} |", t, p.BestCost, p.BestVehicles, p.BestUnserved, p.Iteration, cpuAt));
                csv.Add(string.Format(c, "{0},{1},{2:F0},{3},{4},{5},{6:F1}", run, t, p.BestCost, p.BestVehicles, p.BestUnserved, p.Iteration, cpuAt));
            }
        Console.WriteLine();
        if (trace)
        {
            foreach (var p in curve.Improvements())
                Console.WriteLine(string.Format(c, "  {0,7:F1} s wall  {1,7:F1} s CPU  iteration {2,8}  best {3:F0} ({4} vehicles, {5} unserved)",
                    p.Progress.Elapsed.TotalSeconds, p.Cpu, p.Progress.Iteration, p.Progress.BestCost, p.Progress.BestVehicles, p.Progress.BestUnserved));
            Console.WriteLine();
        }
        Console.WriteLine(curve.FirstComplete is { } first
            ? string.Format(c, "first plan serving every request after {0:F1} s", first.TotalSeconds)
            : "no plan served every request");
        // The solver returns after the iteration in progress when the limit strikes; on a loaded machine that can be
        // well past the limit, so the final plan's cost and the wall time it took are printed as well.
        Console.WriteLine(string.Format(c, "final (returned after {0:F1} s, {1:F1} s CPU since the solver started): cost {2:F0}, distance {3:F0} m, {4} routes, {5} unserved, valid {6}",
            wall, cpu, solution.Cost, SolutionJson.Distance(day.Instance, solution), solution.Routes.Length, solution.Unserved.Length, validation.IsValid ? "yes" : "NO"));
        foreach (var v in validation.Violations.Take(10)) Console.WriteLine($"  violation: {v}");
        Console.WriteLine();
        return solution;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Keeps every progress report, so that the best cost at any time can be read afterwards.</summary>
    private sealed class ConvergenceRecorder : IProgress<SolverProgress>
    {
        private readonly List<SolverProgress> _reports = new();
        private readonly List<double> _cpu = new();
        private readonly object _gate = new();
        private readonly double _cpuStart = Cpu0();

        private static double Cpu0() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

        /// <summary>Process CPU seconds since the recorder was made (the solver's start).</summary>
        public double Cpu() => Cpu0() - _cpuStart;

        public TimeSpan? FirstComplete { get; private set; }

        public void Report(SolverProgress value)
        {
            lock (_gate)
            {
                _reports.Add(value);
                _cpu.Add(Cpu());
                if (FirstComplete is null && value.BestUnserved == 0) FirstComplete = value.Elapsed;
            }
        }

        /// <summary>The reports that improved the best so far, in order.</summary>
        public List<(SolverProgress Progress, double Cpu)> Improvements()
        {
            lock (_gate)
            {
                var list = new List<(SolverProgress Progress, double Cpu)>();
                for (int i = 0; i < _reports.Count; i++)
                {
                    var r = _reports[i];
                    if (list.Count == 0 || (r.BestUnserved, r.BestCost).CompareTo((list[^1].Progress.BestUnserved, list[^1].Progress.BestCost)) < 0)
                        list.Add((r, _cpu[i]));
                }
                return list;
            }
        }

        /// <summary>The best plan reported up to <paramref name="seconds"/> and the process CPU seconds at the last report
        /// before then.</summary>
        public (SolverProgress Progress, double Cpu)? At(double seconds)
        {
            lock (_gate)
            {
                SolverProgress? best = null;
                double cpu = 0;
                for (int i = 0; i < _reports.Count; i++)
                {
                    var r = _reports[i];
                    if (r.Elapsed.TotalSeconds > seconds) continue;
                    cpu = Math.Max(cpu, _cpu[i]);
                    if (best is null || (r.BestUnserved, r.BestCost).CompareTo((best.Value.BestUnserved, best.Value.BestCost)) < 0)
                        best = r;
                }
                return best is { } b ? (b, cpu) : null;
            }
        }
    }
}
