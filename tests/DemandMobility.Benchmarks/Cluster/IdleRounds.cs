using System.Globalization;
using System.Text.RegularExpressions;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// The areas' re-optimisation rounds during the idle phase, read from the silos' round log lines
/// (<c>ServiceAreaGrain</c> at Debug: status, wall and engine CPU of each round), so the idle CPU splits into the rounds'
/// own work and the rest of the process (the actor runtime, reminders, membership, Hangfire, GC).
/// </summary>
internal sealed partial record IdleRounds(int Searched, int Skipped, double SearchCpuMs, double SkipCpuMs, double SearchWallMs)
{
    /// <summary>The rounds among <paramref name="lines"/>.</summary>
    public static IdleRounds Of(IEnumerable<string> lines)
    {
        int searched = 0, skipped = 0;
        double searchCpu = 0, skipCpu = 0, searchWall = 0;
        foreach (var line in lines)
        {
            var m = RoundLine().Match(line);
            if (!m.Success) continue;
            double wall = double.Parse(m.Groups["wall"].Value, CultureInfo.InvariantCulture);
            double cpu = double.Parse(m.Groups["cpu"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["status"].Value is "Adopted" or "NotImproved" or "Stale")
            {
                searched++;
                searchCpu += cpu;
                searchWall += wall;
            }
            else
            {
                skipped++;
                skipCpu += cpu;
            }
        }
        return new IdleRounds(searched, skipped, searchCpu, skipCpu, searchWall);
    }

    /// <summary>The rounds' engine CPU in milliseconds per area-minute.</summary>
    public double CpuPerAreaMinute(int areas, double minutes) => (SearchCpuMs + SkipCpuMs) / areas / minutes;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Create(c, $"{Searched} rounds searched (mean {(Searched == 0 ? 0 : SearchCpuMs / Searched):F0} ms CPU, {(Searched == 0 ? 0 : SearchWallMs / Searched):F0} ms wall), ") +
            string.Create(c, $"{Skipped} without a search (Unchanged or Empty, mean {(Skipped == 0 ? 0 : SkipCpuMs / Skipped):F1} ms CPU)");
    }

    [GeneratedRegex(@"Service area (?<area>\S+): round (?<status>\w+) in (?<wall>[\d.]+) ms wall, (?<cpu>[\d.]+) ms CPU")]
    private static partial Regex RoundLine();
}
