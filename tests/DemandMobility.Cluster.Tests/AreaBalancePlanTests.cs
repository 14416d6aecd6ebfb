using DemandMobility.Cluster.Balancing;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Cluster.Tests;

public sealed class AreaBalancePlanTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly HashSet<string> NonePinned = [];

    private static IReadOnlyList<AreaMove<string>> Plan(Dictionary<string, long> loads, Dictionary<string, string> placement,
        string[] silos, int maxMoves, double tolerance = 0.25, HashSet<string>? pinned = null) =>
        AreaBalancePlan.Plan(loads, placement, silos, pinned ?? NonePinned, tolerance, maxMoves);

    [Fact]
    public void A_joining_silo_gets_its_share_of_equally_loaded_areas()
    {
        var placement = new Dictionary<string, string>
        {
            ["a1"] = "s1", ["a2"] = "s1", ["a3"] = "s1", ["a4"] = "s2", ["a5"] = "s2", ["a6"] = "s2",
        };
        var loads = placement.Keys.ToDictionary(a => a, _ => 100L);
        var moves = Plan(loads, placement, ["s1", "s2", "s3"], maxMoves: 2);
        Assert.Equal([new AreaMove<string>("a1", "s1", "s3"), new AreaMove<string>("a4", "s2", "s3")], moves);
    }

    [Fact]
    public void A_heavy_area_is_left_alone_on_its_silo_and_its_neighbours_move()
    {
        var placement = new Dictionary<string, string> { ["heavy"] = "s1", ["a"] = "s1", ["b"] = "s2", ["c"] = "s2" };
        var loads = new Dictionary<string, long> { ["heavy"] = 1000, ["a"] = 100, ["b"] = 100, ["c"] = 100 };
        Assert.Equal([new AreaMove<string>("a", "s1", "s2")], Plan(loads, placement, ["s1", "s2"], maxMoves: 3));
        // Afterwards the heavy area alone is the busiest silo: nothing better exists, nothing moves.
        placement["a"] = "s2";
        Assert.Empty(Plan(loads, placement, ["s1", "s2"], maxMoves: 3));
    }

    [Fact]
    public void Silos_inside_the_tolerance_band_move_nothing()
    {
        var placement = new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s2" };
        var loads = new Dictionary<string, long> { ["a"] = 120, ["b"] = 100 };
        Assert.Empty(Plan(loads, placement, ["s1", "s2"], 1, tolerance: 0.1));
        Assert.Empty(Plan(loads, placement, ["s1"], 1, tolerance: 0));
    }

    [Fact]
    public void Pinned_areas_and_areas_on_silos_that_are_not_active_stay()
    {
        var placement = new Dictionary<string, string> { ["a"] = "s1", ["b"] = "s1", ["c"] = "gone" };
        var loads = new Dictionary<string, long> { ["a"] = 100, ["b"] = 100, ["c"] = 1000 };
        Assert.Equal([new AreaMove<string>("a", "s1", "s2")], Plan(loads, placement, ["s1", "s2"], 1));
        Assert.Equal([new AreaMove<string>("b", "s1", "s2")], Plan(loads, placement, ["s1", "s2"], 1, pinned: ["a"]));
        Assert.Empty(Plan(loads, placement, ["s1", "s2"], 1, pinned: ["a", "b"]));
    }

    [Fact]
    public void At_most_the_budget_per_round()
    {
        var placement = Enumerable.Range(0, 12).ToDictionary(i => $"a{i:D2}", _ => "s1");
        var loads = placement.Keys.ToDictionary(a => a, _ => 100L);
        var moves = Plan(loads, placement, ["s1", "s2", "s3"], maxMoves: 3);
        Assert.Equal(3, moves.Count);
        Assert.All(moves, m => Assert.Equal("s1", m.From));
        Assert.Throws<ArgumentOutOfRangeException>(() => Plan(loads, placement, ["s1", "s2"], AreaBalancePlan.MaxBudget + 1));
    }

    /// <summary>A state-wide operator's size (50 areas, 5 silos) with the largest budget: the full enumeration.</summary>
    [Fact]
    public void Fifty_areas_on_five_silos_are_planned_with_three_moves()
    {
        var placement = Enumerable.Range(0, 50).ToDictionary(i => $"a{i:D2}", i => i < 30 ? "s0" : $"s{1 + i % 4}");
        var loads = placement.Keys.ToDictionary(a => a, a => 100L + 37 * (int.Parse(a[1..], System.Globalization.CultureInfo.InvariantCulture) % 16));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var moves = Plan(loads, placement, ["s0", "s1", "s2", "s3", "s4"], AreaBalancePlan.MaxBudget);
        output.WriteLine($"planned {moves.Count} moves in {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(3, moves.Count);
        Assert.All(moves, m => Assert.Equal("s0", m.From));
    }

    /// <summary>
    /// Against a brute-force reference on small cases: every assignment of the areas to the silos (pinned areas kept)
    /// is one plan whose size is the number of areas it moves. The plan must have the reference's size — nothing when
    /// the busiest silo is inside the band or no plan within the budget lowers it, else the fewest moves reaching
    /// max(best reachable, band) — and the busiest-silo load the best plan of that size reaches, and be a valid plan.
    /// </summary>
    [Fact]
    public void The_plan_is_the_fewest_moves_to_the_best_reachable_balance()
    {
        var cases =
            from silos in Gen.Choose(2, 3)
            from areas in Gen.Choose(1, 6)
            from loads in Gen.ArrayOf(Gen.Choose(0, 1000), areas)
            from hosts in Gen.ArrayOf(Gen.Choose(0, silos - 1), areas)
            from pins in Gen.ArrayOf(Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false))), areas)
            from tolerance in Gen.Elements(0.0, 0.1, 0.25, 0.5)
            from budget in Gen.Choose(1, AreaBalancePlan.MaxBudget)
            select (silos, loads, hosts, pins, tolerance, budget);
        Prop.ForAll(Arb.From(cases), c => Check(c.silos, c.loads, c.hosts, c.pins, c.tolerance, c.budget))
            .QuickCheckThrowOnFailure();
    }

    private static bool Check(int s, int[] loadArray, int[] hostArray, bool[] pinArray, double tolerance, int budget)
    {
        int n = loadArray.Length;
        var silos = Enumerable.Range(0, s).Select(i => $"s{i}").ToArray();
        var ids = Enumerable.Range(0, n).Select(i => $"a{i}").ToArray();
        var placement = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => silos[hostArray[p.i]]);
        var loads = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => (long)loadArray[p.i]);
        var pinned = ids.Where((_, i) => pinArray[i]).ToHashSet();
        var moves = AreaBalancePlan.Plan(loads, placement, silos, pinned, tolerance, budget);

        // Reference: all s^n assignments.
        var bestOfSize = Enumerable.Repeat(long.MaxValue, n + 1).ToArray();
        var assignment = new int[n];
        for (long code = 0; code < (long)Math.Pow(s, n); code++)
        {
            long rest = code;
            for (int i = 0; i < n; i++, rest /= s) assignment[i] = (int)(rest % s);
            if (Enumerable.Range(0, n).Any(i => pinArray[i] && assignment[i] != hostArray[i])) continue;
            int size = Enumerable.Range(0, n).Count(i => assignment[i] != hostArray[i]);
            if (size > budget) continue;
            bestOfSize[size] = Math.Min(bestOfSize[size], MaxLoad(assignment));
        }
        long current = MaxLoad(hostArray);
        double band = (1 + tolerance) * loadArray.Sum(l => (long)l) / s;
        long reachable = bestOfSize.Min();
        int expected = 0;
        if (current > band && reachable < current)
        {
            double target = Math.Max(reachable, band);
            expected = Enumerable.Range(1, budget).First(k => bestOfSize[k] <= target);
        }

        var after = (int[])hostArray.Clone();
        foreach (var m in moves) after[Array.IndexOf(ids, m.AreaId)] = Array.IndexOf(silos, m.To);
        bool valid = moves.Select(m => m.AreaId).Distinct().Count() == moves.Count
                     && moves.All(m => !pinned.Contains(m.AreaId) && m.From == placement[m.AreaId] && m.From != m.To && silos.Contains(m.To));
        return valid && moves.Count == expected && (expected == 0 || MaxLoad(after) == bestOfSize[expected]);

        long MaxLoad(int[] hosts)
        {
            var perSilo = new long[s];
            for (int i = 0; i < n; i++) perSilo[hosts[i]] += loadArray[i];
            return perSilo.Max();
        }
    }
}
