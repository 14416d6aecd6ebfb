using DemandMobility.Optimization.Search.Pool;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>The CP-SAT set partitioning of pooled routes against exhaustive enumeration.</summary>
public class SetPartitioningTests
{
    private sealed record Case(int Elements, int[][] Sets, double[] Costs, int MaxColumns);

    private static Case RandomCase(int seed)
    {
        var rng = new Random(seed);
        int n = rng.Next(1, 9), m = rng.Next(1, 13);
        var sets = new int[m][];
        var costs = new double[m];
        for (int c = 0; c < m; c++)
        {
            var members = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.35).ToList();
            if (members.Count == 0) members.Add(rng.Next(n));
            sets[c] = members.ToArray();
            costs[c] = Math.Round(rng.NextDouble() * 20 + members.Count, 3);
        }
        // Singletons on some seeds so that a partition usually exists.
        if (seed % 3 != 0)
            sets = sets.Concat(Enumerable.Range(0, n).Select(e => new[] { e })).ToArray();
        if (seed % 3 != 0)
            costs = costs.Concat(Enumerable.Range(0, n).Select(e => 9.0 + e)).ToArray();
        return new Case(n, sets, costs, rng.Next(1, n + 2));
    }

    /// <summary>Cheapest partition by trying every subset of columns (≤ 2^20 subsets here).</summary>
    private static double BruteForce(Case c, double upperBound)
    {
        double best = double.PositiveInfinity;
        int m = c.Sets.Length;
        for (long mask = 1; mask < 1L << m; mask++)
        {
            if (long.PopCount(mask) > c.MaxColumns) continue;
            var hits = new int[c.Elements];
            double cost = 0;
            for (int k = 0; k < m; k++)
                if ((mask >> k & 1) != 0)
                {
                    cost += c.Costs[k];
                    foreach (int e in c.Sets[k]) hits[e]++;
                }
            if (hits.All(h => h == 1) && cost < best) best = cost;
        }
        return best < upperBound - 1e-9 ? best : double.PositiveInfinity;
    }

    [Fact]
    public void Finds_the_cheapest_partition_that_enumeration_finds()
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var c = RandomCase(seed);
            double bound = seed % 2 == 0 ? double.PositiveInfinity : 40;
            double expected = BruteForce(c, bound);
            var result = new SetPartitioningSolver().Solve(c.Elements, c.Sets, c.Costs, c.MaxColumns, bound, 10);
            if (!result.Complete) throw new Xunit.Sdk.XunitException($"seed {seed}: work limit hit on a tiny case");
            if (double.IsPositiveInfinity(expected))
            {
                if (result.Found) throw new Xunit.Sdk.XunitException($"seed {seed}: found {result.Cost} where none exists below {bound}");
                return true;
            }
            if (!result.Found || Math.Abs(result.Cost - expected) > 1e-9)
                throw new Xunit.Sdk.XunitException($"seed {seed}: expected {expected}, got found={result.Found} cost={result.Cost}");
            // The reported columns form a partition with the reported cost.
            var hits = new int[c.Elements];
            foreach (int k in result.Columns)
                foreach (int e in c.Sets[k]) hits[e]++;
            if (hits.Any(h => h != 1) || Math.Abs(result.Columns.Sum(k => c.Costs[k]) - result.Cost) > 1e-9 || result.Columns.Length > c.MaxColumns)
                throw new Xunit.Sdk.XunitException($"seed {seed}: the chosen columns are not a partition of cost {result.Cost}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Picks_the_two_routes_over_the_three_singletons()
    {
        // {0,1} + {2} = 5 + 4 = 9 beats the singletons 4 + 4 + 4 = 12 and {0} + {1,2} = 4 + 6 = 10.
        int[][] sets = { new[] { 0 }, new[] { 1 }, new[] { 2 }, new[] { 0, 1 }, new[] { 1, 2 } };
        double[] costs = { 4, 4, 4, 5, 6 };
        var result = new SetPartitioningSolver().Solve(3, sets, costs, 3, double.PositiveInfinity, 1);
        Assert.True(result.Found);
        Assert.True(result.Complete);
        Assert.Equal(9, result.Cost, 9);
        Assert.Equal(new[] { 2, 3 }, result.Columns.Order().ToArray());
        // With at most one column nothing covers all three elements.
        Assert.False(new SetPartitioningSolver().Solve(3, sets, costs, 1, double.PositiveInfinity, 1).Found);
        // Nothing is reported unless it beats the bound.
        Assert.False(new SetPartitioningSolver().Solve(3, sets, costs, 3, 9, 1).Found);
    }

    [Fact]
    public void An_uncoverable_element_means_no_partition_and_bad_columns_are_rejected()
    {
        var none = new SetPartitioningSolver().Solve(3, new[] { new[] { 0, 1 } }, new[] { 1.0 }, 3, double.PositiveInfinity, 1);
        Assert.False(none.Found);
        Assert.True(none.Complete);
        Assert.Throws<ArgumentException>(() => new SetPartitioningSolver().Solve(2, new[] { new[] { 5 } }, new[] { 1.0 }, 1, 10, 1));
    }

    [Fact]
    public void Costs_that_differ_below_the_integer_scale_are_still_ranked_by_their_true_sum()
    {
        // Two partitions 0.0001 apart: the solver may not tell them apart after scaling, but what it reports is
        // a partition whose true cost is below the bound, and the bound between them excludes the dearer one.
        int[][] sets = { new[] { 0, 1 }, new[] { 0 }, new[] { 1 } };
        double[] costs = { 2.0001, 1.0, 1.0 };
        var result = new SetPartitioningSolver().Solve(2, sets, costs, 2, 2.00005, 1);
        Assert.True(result.Found);
        Assert.Equal(new[] { 1, 2 }, result.Columns.Order().ToArray());
        Assert.False(new SetPartitioningSolver().Solve(2, sets, costs, 2, 2.0, 1).Found);
    }
}
