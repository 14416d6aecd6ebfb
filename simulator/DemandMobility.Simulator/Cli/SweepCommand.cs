using System.Globalization;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Sweep;

namespace DemandMobility.Simulator.Cli;

/// <summary>
/// <c>simulate SCENARIO --sweep NAME=VALUES [--sweep …] [--seeds N] [--target "…"] [--parallel N] --out DIR</c>: runs
/// the grid in-process and writes one comparison report (<see cref="SweepReport"/>). Exit codes as for a single run.
/// </summary>
internal static class SweepCommand
{
    public static async Task<int> RunAsync(SimulateArguments args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        try
        {
            if (args.Server is not null || args.Compare is not null)
                throw new SweepException("--sweep runs in-process and writes its own comparison: leave out --server and --compare.");
            if (args.Parallel is < 1) throw new SweepException($"--parallel {args.Parallel}: must be at least 1.");
            var axes = args.Sweep.Select(SweepGrammar.Parse).ToList();
            int seeds = args.Seeds ?? 1;
            SweepGrammar.CheckSize(axes, seeds);
            var target = args.Target is { } t ? SweepTarget.Parse(t, KpiCatalog.KnownKeys) : null;
            var scenario = ScenarioLoader.Load(args.Scenario);
            if (args.Seed is { } seed) scenario = scenario.WithSeed(seed);
            int parallelism = args.Parallel ?? Environment.ProcessorCount;
            var travel = Simulation.LoadTravel(scenario, args.Graph);
            int points = SweepRunner.Grid(axes).Count;
            await stdout.WriteLineAsync($"Sweep of {scenario.Settings.Name}: {points} grid point(s) × {seeds} seed(s), {parallelism} at a time").ConfigureAwait(false);
            var sweep = await SweepRunner.RunAsync(scenario, axes, seeds, target, travel, parallelism, (point, run, done, total) =>
            {
                string served = run.Kpis.TryGetValue("served_share", out double s) ? KpiCatalog.Format(s, KpiUnit.Share) : "–";
                string wait = run.Kpis.TryGetValue("wait_p95_s", out double w) ? KpiCatalog.Format(w, KpiUnit.Seconds) : "–";
                string cost = run.Kpis.TryGetValue("cost_per_trip_eur", out double c) ? KpiCatalog.Format(c, KpiUnit.Eur) : "–";
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  [{done}/{total}] {point.Label}, seed {run.Seed}: served {served}, wait p95 {wait}, cost per trip {cost} ({run.WallClockSeconds:0.0} s)"));
            }, ct).ConfigureAwait(false);
            var files = SweepReport.Write(sweep, args.Out);
            if (sweep.Target is { } goal)
                await stdout.WriteLineAsync(sweep.Best is { } b
                    ? $"Meets {goal}: {sweep.Points[b].Label}"
                    : $"No grid point meets {goal}.").ConfigureAwait(false);
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Sweep took {sweep.WallClockSeconds:0} s. Wrote {string.Join(", ", files.Select(Path.GetFileName))}")).ConfigureAwait(false);
            return sweep.Points.All(p => p.Runs.All(r => r.Completed)) ? 0 : 1;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("Sweep stopped: nothing written.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is SweepException or ScenarioException or DemandSettingsException or IOException or InvalidDataException
                                      or Routing.Storage.GraphStoreException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 2;
        }
    }
}
