using DemandMobility.Cluster.Balancing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Cluster.Tests;

public sealed class AreaBalancePlanTests
{
    [Fact]
    public void A_joining_silo_gets_its_share_from_the_busiest()
    {
        var placement = new Dictionary<string, string>
        {
            ["a1"] = "s1", ["a2"] = "s1", ["a3"] = "s1", ["a4"] = "s2", ["a5"] = "s2", ["a6"] = "s2",
        };
        var moves = AreaBalancePlan.Plan(placement, ["s1", "s2", "s3"], maxMoves: 10);
        Assert.Equal([new AreaMove<string>("a3", "s1", "s3"), new AreaMove<string>("a6", "s2", "s3")], moves);
    }

    [Fact]
    public void Balanced_silos_and_a_single_silo_move_nothing()
    {
        var placement = new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s1", ["c"] = "s2" };
        Assert.Empty(AreaBalancePlan.Plan(placement, ["s1", "s2"], 10));
        Assert.Empty(AreaBalancePlan.Plan(placement, ["s1"], 10));
        Assert.Empty(AreaBalancePlan.Plan(new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s1" }, ["s1", "s2", "s3"], 0));
    }

    [Fact]
    public void Areas_on_a_silo_that_is_not_active_are_left_alone()
    {
        var placement = new Dictionary<string, string> { ["a"] = "gone", ["b"] = "gone", ["c"] = "gone", ["d"] = "s1" };
        Assert.Empty(AreaBalancePlan.Plan(placement, ["s1", "s2"], 10));
    }

    [Fact]
    public void At_most_max_moves_per_round()
    {
        var placement = Enumerable.Range(0, 12).ToDictionary(i => $"a{i:D2}", _ => "s1");
        var moves = AreaBalancePlan.Plan(placement, ["s1", "s2", "s3"], maxMoves: 3);
        Assert.Equal(3, moves.Count);
        Assert.All(moves, m => Assert.Equal("s1", m.From));
    }

    /// <summary>
    /// Against a reference: the fewest moves that leave every silo with ⌊N/S⌋ or ⌈N/S⌉ areas is the surplus over
    /// targets that give ⌈N/S⌉ to the busiest silos. The plan reaches such a spread with exactly that many moves,
    /// moves each area at most once and only between active silos.
    /// </summary>
    [Fact]
    public void The_plan_balances_with_the_fewest_moves()
    {
        var layouts = Gen.Choose(1, 8).SelectMany(silos => Gen.ArrayOf(Gen.Choose(0, 11), silos));
        Prop.ForAll(Arb.From(layouts), Check).QuickCheckThrowOnFailure();
    }

    private static bool Check(int[] counts)
    {
        int s = counts.Length;
        var siloNames = Enumerable.Range(0, s).Select(i => $"s{i}").ToList();
        var placement = new Dictionary<string, string>();
        for (int i = 0; i < s; i++)
            for (int k = 0; k < counts[i]; k++) placement[$"s{i}-a{k:D2}"] = siloNames[i];
        var moves = AreaBalancePlan.Plan(placement, siloNames, int.MaxValue);

        var after = new Dictionary<string, string>(placement);
        foreach (var m in moves) after[m.AreaId] = m.To;
        var hosted = siloNames.Select(n => after.Values.Count(v => v == n)).ToList();
        int total = placement.Count, floor = total / s, ceil = (total + s - 1) / s;
        var sorted = counts.OrderByDescending(c => c).ToList();
        int fewest = sorted.Select((c, i) => Math.Max(0, c - (i < total % s ? ceil : floor))).Sum();
        return hosted.All(c => c == floor || c == ceil)
               && moves.Count == fewest
               && moves.Select(m => m.AreaId).Distinct().Count() == moves.Count
               && moves.All(m => siloNames.Contains(m.To) && m.From != m.To);
    }
}
