using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Properties;
using DemandMobility.Optimization.Tests.Search;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Insertion;

/// <summary>
/// <see cref="PairInsertionEvaluator"/> on routes with ride-time and route-duration limits, where its O(1) checks are a
/// filter: every position pair that the exact schedule accepts is among the candidates (the early ends of the pickup
/// and delivery scans drop none), and the best insertion equals brute force over all pairs.
/// </summary>
public class RideLimitedInsertionPropertyTests
{
    [Fact]
    public void Candidates_cover_every_feasible_pair_on_random_instances()
    {
        int feasiblePairs = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
            Covers(RandomInstances.Create(seed, maxRequests: 9, maxVehicles: 2), seed, ref feasiblePairs));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        Assert.True(feasiblePairs >= 300, $"only {feasiblePairs} feasible pairs: the property barely ran");
    }

    [Fact]
    public void Candidates_cover_every_feasible_pair_on_generated_darp_instances()
    {
        int feasiblePairs = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var spec = new DarpGeneratorSpec(seed % 2 == 0 ? 'a' : 'b', 2, 12, 360, seed);
            var instance = DarpReader.Parse(new StringReader(DarpGenerator.Generate(spec)), spec.Name);
            return Covers(instance.Problem, seed, ref feasiblePairs);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
        Assert.True(feasiblePairs >= 200, $"only {feasiblePairs} feasible pairs: the property barely ran");
    }

    /// <summary>Sequential insertion with one request left out, then for each route: every exactly feasible pair is a
    /// candidate, and the best insertion costs what the cheapest feasible pair costs.</summary>
    private static bool Covers(Problem problem, int seed, ref int feasiblePairs)
    {
        var (ctx, state) = SearchStateFixture.Build(problem, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        int request = new Random(seed).Next(problem.Requests.Length);
        if (state.RouteOf[request] >= 0) state.Remove(ctx, request);
        var buffer = new CandidateBuffer();
        foreach (var route in state.Routes)
        {
            if (!route.Feasible) continue;
            buffer.Clear();
            ctx.Pairs.Generate(route, 0, request, buffer);
            var listed = new HashSet<(int, int)>();
            for (int c = 0; c < buffer.Count; c++) listed.Add((buffer[c].Pickup, buffer[c].Delivery));
            double brute = double.PositiveInfinity;
            for (int i = route.LockedCount; i <= route.Count; i++)
                for (int j = i; j <= route.Count; j++)
                {
                    if (!ctx.Pairs.TryExact(route, request, i, j, out double delta)) continue;
                    feasiblePairs++;
                    if (!listed.Contains((i, j))) return false;
                    brute = Math.Min(brute, delta);
                }
            bool found = ctx.Pairs.BestInRoute(route, request, out _, out _, out double best);
            if (found != !double.IsPositiveInfinity(brute)) return false;
            if (found && Math.Abs(best - brute) > 1e-6) return false;
        }
        return true;
    }
}
