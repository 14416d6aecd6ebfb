using System.Diagnostics;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Validation;

namespace DemandMobility.Optimization.Instances;

/// <summary>Solves a benchmark instance with the <see cref="Solver"/> and validates the result independently.</summary>
public static class BenchmarkRunner
{
    /// <summary>Reads an instance file of the given family.</summary>
    public static BenchmarkInstance Read(BenchmarkFamily family, string path) => family switch
    {
        BenchmarkFamily.Darp => DarpReader.Read(path),
        _ => LiLimReader.Read(path),
    };

    /// <summary>Solves <paramref name="instance"/> within <paramref name="options"/>' limits and validates the solution.</summary>
    public static BenchmarkRun Run(BenchmarkInstance instance, SolverOptions options, BksEntry? bks = null,
        IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(instance, options, new SolverTuning(), bks, progress, cancellationToken);

    /// <summary>Solves with the chosen backend (<see cref="SolverBackend.OrTools"/> uses only the time limit) and validates.</summary>
    public static BenchmarkRun Run(BenchmarkInstance instance, SolverOptions options, SolverBackend backend, BksEntry? bks = null,
        IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (backend == SolverBackend.Alns) return Run(instance, options, new SolverTuning(), bks, progress, cancellationToken);
        var clock = Stopwatch.StartNew();
        var solution = OrTools.OrToolsRoutingSolver.Solve(instance.Problem, options.TimeLimit);
        clock.Stop();
        return Finish(instance, solution, clock.Elapsed, bks);
    }

    /// <summary>As above with non-default tuning (benchmark harness experiments).</summary>
    internal static BenchmarkRun Run(BenchmarkInstance instance, SolverOptions options, SolverTuning tuning, BksEntry? bks,
        IProgress<SolverProgress>? progress, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var solution = new Solver(options, tuning).Solve(instance.Problem, null, progress, cancellationToken);
        clock.Stop();
        return Finish(instance, solution, clock.Elapsed, bks);
    }

    private static BenchmarkRun Finish(BenchmarkInstance instance, Model.Solution solution, TimeSpan elapsed, BksEntry? bks)
    {
        var validation = SolutionValidator.Validate(instance.Problem, solution);
        return new BenchmarkRun(instance, solution, validation, SolutionJson.Distance(instance, solution),
            SolutionJson.UsedVehicles(solution), elapsed, bks);
    }
}
