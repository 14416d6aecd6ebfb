using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Tests.Instances;
using Xunit;

namespace DemandMobility.Optimization.Tests.Benchmarks;

/// <summary>
/// Early warning on solution quality (as jsprit asserts Li &amp; Lim lr101 within a tolerance): a short run
/// must be valid and close to the best-known solution. The runs are bounded by an iteration budget (so the
/// outcome does not depend on how busy the machine is) with a 10 s wall-clock cap, and run outside the
/// parallel test classes so that the cap is rarely the binding limit.
/// </summary>
[Collection(nameof(SequentialCollection))]
public class BenchmarkGapTests
{
    [Fact]
    public void Darp_a2_16_is_valid_and_within_1_percent_of_the_optimum()
    {
        var bks = BksTable.Read(BenchmarkData.DarpBks).Find("a2-16");
        var run = BenchmarkRunner.Run(DarpReader.Read(BenchmarkData.Darp("a2-16")), new SolverOptions(TimeSpan.FromSeconds(10), MaxIterations: 5_000, Seed: 1), bks);
        Assert.True(run.Validation.IsValid, string.Join("\n", run.Validation.Violations));
        Assert.NotNull(run.GapPercent);
        Assert.InRange(run.GapPercent!.Value, -0.01, 1.0);
    }

    [Fact]
    public void Li_lim_lr101_reaches_bks_vehicles_and_distance_within_2_percent()
    {
        var bks = BksTable.Read(BenchmarkData.LiLimBks).Find("lr101");
        var run = BenchmarkRunner.Run(LiLimReader.Read(BenchmarkData.LiLim("lr101")), new SolverOptions(TimeSpan.FromSeconds(10), MaxIterations: 15_000, Seed: 1), bks);
        Assert.True(run.Validation.IsValid, string.Join("\n", run.Validation.Violations));
        Assert.Equal(bks!.Vehicles, run.Vehicles);
        Assert.InRange(run.GapPercent!.Value, -0.01, 2.0);
    }
}
