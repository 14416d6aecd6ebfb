using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Simulation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>The clocks the areas' engines read: the silo's on a live cluster, a forward-only simulated one per area in simulation mode.</summary>
public sealed class AreaClocksTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_live_cluster_gives_every_area_the_silo_clock_and_no_simulated_one()
    {
        var clocks = new AreaClocks(ClusterSimulation.Off, TimeProvider.System);
        Assert.False(clocks.IsSimulated);
        Assert.Same(TimeProvider.System, clocks.For("west"));
        Assert.Throws<InvalidOperationException>(() => clocks.Simulated("west"));
    }

    [Fact]
    public void In_simulation_each_area_has_its_own_clock_starting_at_the_run_start()
    {
        var clocks = new AreaClocks(new ClusterSimulation(true, Start, 1, 200), TimeProvider.System);
        Assert.Same(clocks.For("west"), clocks.Simulated("west"));
        Assert.NotSame(clocks.For("west"), clocks.For("east"));
        clocks.Simulated("west").Advance(Start.AddHours(1));
        Assert.Equal(Start.AddHours(1), clocks.For("west").GetUtcNow());
        Assert.Equal(Start, clocks.For("east").GetUtcNow());
    }

    [Fact]
    public void A_simulated_clock_ends_at_the_latest_time_it_was_given_whatever_the_order()
    {
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-600, 6000)).ToArbitrary(), minutes =>
        {
            var clock = new SimulatedAreaClock(Start);
            var seen = Start;
            foreach (int m in minutes)
            {
                var now = clock.Advance(Start.AddMinutes(m));
                Assert.True(now >= seen, "the clock moved back");
                seen = now;
            }
            var expected = minutes.Length == 0 ? Start : Start.AddMinutes(Math.Max(0, minutes.Max()));
            Assert.Equal(expected, clock.GetUtcNow());
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Area_seeds_are_stable_and_differ_between_areas()
    {
        Assert.Equal(SimulatedAreaEngineFactory.AreaSeed(1, "west"), SimulatedAreaEngineFactory.AreaSeed(1, "west"));
        Assert.NotEqual(SimulatedAreaEngineFactory.AreaSeed(1, "west"), SimulatedAreaEngineFactory.AreaSeed(1, "east"));
        Assert.NotEqual(SimulatedAreaEngineFactory.AreaSeed(1, "west"), SimulatedAreaEngineFactory.AreaSeed(2, "west"));
    }
}
