using System.Globalization;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Cli.Solve;

/// <summary>
/// <c>dm solve darp|pdptw FILE</c>: solves one benchmark instance, validates the result independently and
/// prints cost, vehicles, validity and time. Exit codes: 0 valid solution, 1 invalid solution, 2 bad input.
/// </summary>
internal static class SolveVerb
{
    public static int Run(BenchmarkFamily family, string file, double seconds, int seed, string? outPath, TextWriter stdout, TextWriter stderr,
        int workers = 1, SolverBackend backend = SolverBackend.Alns)
    {
        if (!(seconds > 0)) return Fail(stderr, $"--time must be positive, is {seconds}");
        if (workers < 1) return Fail(stderr, $"--workers must be at least 1, is {workers}");
        BenchmarkInstance instance;
        try
        {
            instance = BenchmarkRunner.Read(family, file);
        }
        catch (InstanceFormatException e)
        {
            return Fail(stderr, $"cannot read instance: {e.Message}");
        }

        var run = BenchmarkRunner.Run(instance, new SolverOptions(TimeSpan.FromSeconds(seconds), Seed: seed, Workers: workers),
            backend, progress: new StderrProgress(stderr));

        var c = CultureInfo.InvariantCulture;
        stdout.WriteLine($"instance  {instance.Name}");
        stdout.WriteLine(string.Format(c, "cost      {0:F4}   (total distance)", run.Distance));
        stdout.WriteLine($"vehicles  {run.Vehicles}");
        stdout.WriteLine($"unserved  {run.Validation.Objective.Unserved}");
        stdout.WriteLine(run.Validation.IsValid ? "valid     yes" : $"valid     NO ({run.Validation.Violations.Count} violations)");
        stdout.WriteLine(string.Format(c, "time      {0:F1} s", run.Elapsed.TotalSeconds));
        foreach (var v in run.Validation.Violations.Take(20)) stderr.WriteLine($"violation: {v}");

        if (outPath is not null)
        {
            try
            {
                File.WriteAllText(outPath, SolutionJson.Write(instance, run.Solution));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(stderr, $"cannot write {outPath}: {e.Message}");
            }
        }
        return run.Validation.IsValid ? 0 : 1;
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return 2;
    }
}
