using System.Collections.Immutable;

namespace DemandMobility.Simulator.Sweep;

/// <summary>One simulated day of a sweep: the grid point, the seed and the run's key figures.</summary>
/// <param name="Point">Index of the grid point in <see cref="SweepResult.Points"/>.</param>
/// <param name="Seed">The seed of the run.</param>
/// <param name="Kpis">The run's kpis.json figures.</param>
/// <param name="Completed">False when the run was stopped early.</param>
/// <param name="WallClockSeconds">Wall time of the run.</param>
public sealed record SweepRun(int Point, int Seed, ImmutableSortedDictionary<string, double> Kpis, bool Completed, double WallClockSeconds);

/// <summary>A figure over the seeds of one grid point.</summary>
public sealed record Spread(double Mean, double Min, double Max);

/// <summary>One grid point: its parameter values and its runs' figures over the seeds.</summary>
/// <param name="Values">(parameter, value) in the order of the sweep's axes.</param>
/// <param name="Runs">Its runs, by seed.</param>
/// <param name="MeetsTarget">Whether the mean over the seeds meets the target (false without a target).</param>
/// <param name="SeedsMeetingTarget">How many seeds meet the target on their own.</param>
public sealed record SweepPoint(ImmutableArray<(string Name, SweepValue Value)> Values, ImmutableArray<SweepRun> Runs, bool MeetsTarget, int SeedsMeetingTarget)
{
    /// <summary>"fleet=8, max_wait=15".</summary>
    public string Label => Values.IsEmpty ? "scenario as given" : string.Join(", ", Values.Select(v => v.Name + "=" + v.Value.Text));

    /// <summary>Mean, min and max of <paramref name="key"/> over the seeds; null when no run has it.</summary>
    public Spread? Of(string key)
    {
        var values = Runs.Where(r => r.Kpis.ContainsKey(key)).Select(r => r.Kpis[key]).ToArray();
        return values.Length == 0 ? null : new Spread(values.Average(), values.Min(), values.Max());
    }

    /// <summary>The mean over the seeds of every key (what the target is checked against).</summary>
    public IReadOnlyDictionary<string, double> Means() =>
        Runs.SelectMany(r => r.Kpis.Keys).Distinct(StringComparer.Ordinal).ToDictionary(k => k, k => Of(k)!.Mean, StringComparer.Ordinal);
}

/// <summary>A finished sweep: the axes, the seeds, every point with its runs, the target and the chosen point.</summary>
/// <param name="ScenarioName">The base scenario.</param>
/// <param name="Axes">Swept parameters (empty: only seeds).</param>
/// <param name="Seeds">Seeds run at every point.</param>
/// <param name="Points">Grid points in grid order (the first axis varies slowest).</param>
/// <param name="Target">The target, if given.</param>
/// <param name="Best">Index of the chosen point (see <see cref="SweepRunner.Choose"/>), or null.</param>
/// <param name="WallClockSeconds">Wall time of the whole sweep.</param>
/// <param name="Parallelism">Runs at once.</param>
public sealed record SweepResult(
    string ScenarioName, ImmutableArray<SweepAxis> Axes, ImmutableArray<int> Seeds, ImmutableArray<SweepPoint> Points,
    SweepTarget? Target, int? Best, double WallClockSeconds, int Parallelism);
