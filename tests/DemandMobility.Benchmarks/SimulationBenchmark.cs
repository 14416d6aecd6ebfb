using System.Diagnostics;
using System.Globalization;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Benchmarks;

/// <summary>
/// The simulate suite: one in-process day of a scenario with the request count and fleet size overridden, timed
/// end to end (demand building and graph loading reported apart), with wall time per dispatcher call type.
/// <code>dotnet run -c Release --project tests/DemandMobility.Benchmarks -- simulate [--scenario FILE] [--requests 600] [--vehicles 10] [--seed 1] [--iterations N]</code>
/// </summary>
internal static class SimulationBenchmark
{
    public static int Run(string[] args)
    {
        string? scenarioPath = null;
        int requests = 600, vehicles = 10, seed = 1;
        int? iterations = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--scenario": scenarioPath = args[i + 1]; break;
                case "--requests": requests = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--vehicles": vehicles = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"simulate: unknown option {args[i]}; use --scenario FILE --requests N --vehicles N --seed N");
                    return 2;
            }
        }
        scenarioPath ??= Path.Combine(RepositoryPaths.FindRoot() ?? ".", "simulator", "scenarios", "sprinti-bayreuth.json");
        return RunAsync(scenarioPath, requests, vehicles, seed, iterations).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string path, int requests, int vehicles, int seed, int? iterations)
    {
        var loaded = ScenarioLoader.Load(path);
        if (iterations is { } n)
            loaded = loaded with { Settings = loaded.Settings with { Reoptimisation = loaded.Settings.Reoptimisation with { Iterations = n } } };
        var scenario = WithFleetSize(loaded, vehicles) with { Demand = loaded.Demand with { TripsPerDay = requests } };
        scenario = scenario.WithSeed(seed);

        var clock = Stopwatch.StartNew();
        var travel = Simulation.LoadTravel(scenario);
        double loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var demand = Simulation.BuildDemand(scenario);
        double demandSeconds = clock.Elapsed.TotalSeconds;

        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles) if (v.ShiftStart < start) start = v.ShiftStart;
        var engine = await InProcessGateway.OpenAsync(scenario.Options, travel, start, seed, scenario.Settings.Reoptimisation.Iterations);
        var timing = new SimulationTimingGateway(engine);
        clock.Restart();
        var result = await Simulation.RunAsync(scenario, new SimulationTimingTravel(travel, timing), demand, timing);
        double runSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"scenario {scenario.Settings.Name}: {demand.Trips.Length} trips, {scenario.Vehicles.Length} vehicles, seed {seed}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"graph load {loadSeconds:F1} s, demand {demandSeconds:F1} s, simulation {runSeconds:F1} s (target: 600 requests/10 vehicles <= 30 s, 5000/40 <= 300 s)");
        Console.WriteLine($"{"operation",-36} {"calls",8} {"total s",9} {"mean ms",9}");
        foreach (var (name, (calls, ticks)) in timing.Stats.OrderByDescending(s => s.Value.Ticks))
        {
            double s = ticks / (double)Stopwatch.Frequency;
            Console.WriteLine($"{name,-36} {calls,8} {s,9:F2} {s * 1000 / calls,9:F3}");
        }
        foreach (var key in new[] { "requests", "served_share", "rejected_share", "declined_share", "wait_p50_s", "wait_p95_s", "occupancy", "pickup_in_window_share", "pickups_outside_window", "rides_over_limit", "capacity_violations", "dispatcher_call_failures" })
            Console.WriteLine($"{key,-28} {result.Kpis.GetValueOrDefault(key).ToString("0.###", CultureInfo.InvariantCulture)}");
        return 0;
    }

    /// <summary>
    /// Scales the scenario's fleet so that <paramref name="vehicles"/> buses are in service at the busiest moment,
    /// keeping the entries' proportions: a fleet of early and late duties (sprinti-bayreuth: 10 + 10 duties of
    /// 10 buses) counts its buses, not its duties.
    /// </summary>
    private static LoadedScenario WithFleetSize(LoadedScenario s, int vehicles)
    {
        var fleet = s.Settings.Fleet;
        int peak = 1;
        foreach (var v in s.Vehicles)
            peak = Math.Max(peak, s.Vehicles.Count(w => w.ShiftStart <= v.ShiftStart && v.ShiftStart < w.ShiftEnd));
        var scaled = fleet.Select(f => f with { Count = Math.Max(1, (int)Math.Round((double)f.Count * vehicles / peak)), Id = null }).ToList();
        var resolved = ScenarioLoader.Resolve(s.Settings with { Fleet = [.. scaled] }, s.SourcePath ?? "benchmark", s.BaseDirectory);
        return resolved with { Demand = s.Demand };
    }
}
