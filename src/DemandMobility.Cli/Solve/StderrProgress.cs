using System.Globalization;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Cli.Solve;

/// <summary>Reports solver progress on stderr, at most once per second so that the terminal stays readable.</summary>
internal sealed class StderrProgress(TextWriter stderr) : IProgress<SolverProgress>
{
    private TimeSpan? _last;

    public void Report(SolverProgress value)
    {
        if (_last is { } last && value.Elapsed - last < TimeSpan.FromSeconds(1)) return;
        _last = value.Elapsed;
        stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:F1} s  iteration {1}  best {2:F4}  vehicles {3}  unserved {4}",
            value.Elapsed.TotalSeconds, value.Iteration, value.BestCost, value.BestVehicles, value.BestUnserved));
    }
}
