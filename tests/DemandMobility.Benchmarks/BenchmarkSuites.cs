namespace DemandMobility.Benchmarks;

/// <summary>Dispatches the command line to a benchmark suite.</summary>
internal static class BenchmarkSuites
{
    private static readonly Dictionary<string, Func<string[], int>> Suites = new(StringComparer.OrdinalIgnoreCase)
    {
        // Suites are added here, one line each: ["routing"] = RoutingBenchmark.Run, ...
        ["optimiser"] = OptimiserBenchmark.Run,
        ["darp-generate"] = DarpGenerateBenchmark.Run,
        ["routing"] = RoutingBenchmark.Run,
        ["insertion"] = InsertionBenchmark.Run,
        ["dispatch"] = DispatchBenchmark.Run,
        ["simulate"] = SimulationBenchmark.Run,
        ["sprinti-day"] = SprintiDayBenchmark.Run,
        ["transit-import"] = TransitImportBenchmark.Run,
        ["restart"] = Restart.RestartBenchmark.Run,
        ["transit-plan"] = TransitPlanBenchmark.Run,
        ["console"] = ConsoleBenchmark.Run,
        ["cluster-day"] = Cluster.ClusterDayBenchmark.Run,
        ["console-cluster"] = Cluster.ClusterConsoleBenchmark.Run,
    };

    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Suites.TryGetValue(args[0], out var suite))
        {
            Console.Error.WriteLine($"usage: DemandMobility.Benchmarks <suite> [options]; suites: {string.Join(", ", Suites.Keys)}");
            return 2;
        }
        return suite(args[1..]);
    }
}
