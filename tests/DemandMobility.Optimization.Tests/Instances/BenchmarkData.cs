namespace DemandMobility.Optimization.Tests.Instances;

/// <summary>Where the shared benchmark files live (override with the DM_BENCHMARKS environment variable).</summary>
internal static class BenchmarkData
{
    public static string Root => Environment.GetEnvironmentVariable("DM_BENCHMARKS") ?? "/work/shared/benchmarks";

    public static string Darp(string name) => Path.Combine(Root, "darp", name[..1], name + ".txt");

    public static string LiLim(string name) => Path.Combine(Root, "pdptw", "li-lim-100", name + ".txt");

    public static string DarpBks => Path.Combine(Root, "darp", "bks.csv");

    public static string LiLimBks => Path.Combine(Root, "pdptw", "li-lim-100", "bks.csv");
}
