using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Sweep;

/// <summary>
/// Runs a grid of scenario variants × seeds in-process, several at once (each run has its own dispatcher, clock and
/// random streams; the road router is shared, its queries are thread-safe), and keeps each run's key figures.
/// Every grid point runs the same seeds, so its demand and riders are the same draws (common random numbers, Law &amp;
/// Kelton, <i>Simulation Modeling and Analysis</i>, ch. 11.2) and differences between points are the parameters' effect,
/// not the dice. Deterministic: the same grid and seeds give the same figures whatever the parallelism.
/// </summary>
public static class SweepRunner
{
    /// <summary>The grid points: every combination of the axes' values, the first axis varying slowest.</summary>
    public static IReadOnlyList<ImmutableArray<(string Name, SweepValue Value)>> Grid(IReadOnlyList<SweepAxis> axes)
    {
        IEnumerable<ImmutableArray<(string, SweepValue)>> points = [[]];
        foreach (var axis in axes)
            points = points.SelectMany(p => axis.Values.Select(v => p.Add((axis.Name, v)))).ToList();
        return points.ToList();
    }

    /// <summary>Runs the sweep; <paramref name="onRun"/> is told of each finished run (from any thread, one at a time).</summary>
    /// <exception cref="SweepException">A grid point makes an invalid scenario (checked for all points before any run).</exception>
    public static async Task<SweepResult> RunAsync(
        LoadedScenario scenario, IReadOnlyList<SweepAxis> axes, int seeds, SweepTarget? target, ITravelTimeService travel,
        int parallelism, Action<SweepPoint, SweepRun, int, int>? onRun = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        SweepGrammar.CheckSize(axes, seeds);
        var grid = Grid(axes);
        var variants = grid.Select(p => ScenarioVariant.Apply(scenario, p)).ToArray();
        var seedList = Enumerable.Range(scenario.Settings.Seed, seeds).ToImmutableArray();
        var jobs = new List<(int Point, int Seed)>();
        for (int p = 0; p < grid.Count; p++)
            foreach (int seed in seedList)
                jobs.Add((p, seed));

        var runs = new ConcurrentBag<SweepRun>();
        int done = 0;
        var gate = new object();
        var clock = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(jobs, options, async (job, ct) =>
        {
            var variant = variants[job.Point].WithSeed(job.Seed);
            var demand = Simulation.BuildDemand(variant);
            var result = await Simulation.RunAsync(variant, travel, demand, null, null, ct).ConfigureAwait(false);
            var run = new SweepRun(job.Point, job.Seed, result.Kpis, result.Completed, result.WallClockSeconds);
            runs.Add(run);
            lock (gate)
            {
                done++;
                onRun?.Invoke(new SweepPoint(grid[job.Point], [], false, 0), run, done, jobs.Count);
            }
        }).ConfigureAwait(false);

        var points = ImmutableArray.CreateBuilder<SweepPoint>(grid.Count);
        for (int p = 0; p < grid.Count; p++)
        {
            var mine = runs.Where(r => r.Point == p).OrderBy(r => r.Seed).ToImmutableArray();
            var point = new SweepPoint(grid[p], mine, false, 0);
            if (target is not null)
                point = point with { MeetsTarget = target.IsMet(point.Means()), SeedsMeetingTarget = mine.Count(r => target.IsMet(r.Kpis)) };
            points.Add(point);
        }
        var built = points.MoveToImmutable();
        return new SweepResult(scenario.Settings.Name, [.. axes], seedList, built, target, Choose(built, target), clock.Elapsed.TotalSeconds, options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// The point to recommend: among those meeting the target, the smallest fleet when the fleet is swept (ties: the
    /// lower mean cost per trip), else the lowest mean cost per trip; null without a target or when none meets it.
    /// </summary>
    public static int? Choose(IReadOnlyList<SweepPoint> points, SweepTarget? target)
    {
        if (target is null) return null;
        int? best = null;
        foreach (var (point, i) in points.Select((p, i) => (p, i)))
        {
            if (!target.IsMet(point.Means())) continue;
            if (best is null || Better(point, points[best.Value])) best = i;
        }
        return best;
    }

    private static bool Better(SweepPoint a, SweepPoint b)
    {
        double fa = Fleet(a), fb = Fleet(b);
        if (fa != fb) return fa < fb;
        double ca = a.Of("cost_per_trip_eur")?.Mean ?? double.MaxValue, cb = b.Of("cost_per_trip_eur")?.Mean ?? double.MaxValue;
        return ca < cb;
    }

    private static double Fleet(SweepPoint p)
    {
        foreach (var (name, value) in p.Values)
            if (name == "fleet") return value.Number;
        return 0;
    }
}
