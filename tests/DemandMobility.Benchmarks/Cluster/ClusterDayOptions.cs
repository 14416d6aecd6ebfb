using System.Globalization;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>Settings of the <c>cluster-day</c> suite, parsed from <c>--name value</c> pairs.</summary>
/// <param name="PostgresConnectionString">Database for membership, reminders and area logs (default: <c>DM_TEST_POSTGRES</c>).</param>
/// <param name="SiloCounts">One run per entry, each against that many silo processes.</param>
/// <param name="Requests">Trip requests (quote, then confirm when offered) per run.</param>
/// <param name="Vehicles">Buses in total, spread evenly over the areas.</param>
/// <param name="Streams">Concurrent client loops.</param>
/// <param name="IdleSeconds">After the first run's requests: seconds of no traffic to measure the areas' own rounds (reminder each minute).</param>
/// <param name="Kill">In the run with the most silos: kill one silo (SIGKILL) halfway and measure its areas' gap.</param>
/// <param name="Seed">Seed of the request generator (of the simulated day with <c>--driver simulator</c>).</param>
/// <param name="Driver"><c>client</c>: this suite's own concurrent client loops; <c>simulator</c>: the simulator's gRPC mode runs the day.</param>
/// <param name="Concurrency">With the simulator: requests in flight at most (<c>--concurrency</c> of <c>dm simulate</c>).</param>
internal sealed record ClusterDayOptions(
    string PostgresConnectionString, int[] SiloCounts, int Requests, int Vehicles, int Streams, int IdleSeconds, bool Kill, int Seed,
    string Driver = "client", int Concurrency = 12)
{
    /// <summary>Parses the arguments; returns an error message naming the bad option instead of throwing.</summary>
    public static (ClusterDayOptions? Options, string? Error) Parse(string[] args)
    {
        var o = new ClusterDayOptions(Environment.GetEnvironmentVariable("DM_TEST_POSTGRES") ?? "", [1, 2, 3], 6000, 120, 8, 0, true, 1);
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            if (i + 1 >= args.Length) return (null, $"option '{name}' needs a value");
            string value = args[i + 1];
            int n = 0;
            if (name is not ("--postgres" or "--silos" or "--kill" or "--driver") && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n))
                return (null, $"option '{name}': '{value}' is not a non-negative integer");
            switch (name)
            {
                case "--postgres": o = o with { PostgresConnectionString = value }; break;
                case "--requests": o = o with { Requests = n }; break;
                case "--vehicles": o = o with { Vehicles = n }; break;
                case "--streams": o = o with { Streams = Math.Max(1, n) }; break;
                case "--idle-seconds": o = o with { IdleSeconds = n }; break;
                case "--seed": o = o with { Seed = n }; break;
                case "--concurrency": o = o with { Concurrency = Math.Clamp(n, 1, 256) }; break;
                case "--driver":
                    if (value is not ("client" or "simulator")) return (null, $"option '--driver': '{value}' is not client or simulator");
                    o = o with { Driver = value };
                    break;
                case "--kill":
                    if (!bool.TryParse(value, out bool kill)) return (null, $"option '--kill': '{value}' is not true or false");
                    o = o with { Kill = kill };
                    break;
                case "--silos":
                    var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries);
                    var counts = new int[parts.Length];
                    for (int k = 0; k < parts.Length; k++)
                        if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out counts[k]) || counts[k] is < 1 or > 8)
                            return (null, $"option '--silos': '{parts[k]}' is not a silo count of 1–8");
                    o = o with { SiloCounts = counts };
                    break;
                default: return (null, $"unknown option '{name}'");
            }
        }
        if (string.IsNullOrWhiteSpace(o.PostgresConnectionString))
            return (null, "no PostgreSQL connection string: pass --postgres or set DM_TEST_POSTGRES (tests/ci/postgres.sh prints it)");
        if (o.Requests < 1) return (null, "option '--requests' must be at least 1");
        if (o.Vehicles < 12) return (null, "option '--vehicles' must be at least 12 (one per area)");
        return (o, null);
    }
}
