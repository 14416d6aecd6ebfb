using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.LocalSearch;
using DemandMobility.Optimization.Tests.Properties;
using DemandMobility.Optimization.Tests.Search;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Insertion;

/// <summary>
/// The bounded cheapest-insertion search against two references on random small routes without ride-time and
/// duration limits: the full candidate list of <see cref="PairInsertionEvaluator.Generate"/> (same pair, same cost,
/// ties to the smallest positions) and brute force over every position pair evaluated by the exact schedule
/// (same cost, feasible exactly when some pair is). <see cref="PairInsertionEvaluator.BestInRoute"/>, which picks between
/// the two by route length, gives the same pair.
/// </summary>
public class CheapestPairInsertionPropertyTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Bounded_search_equals_full_list_and_brute_force(double travelTimeWeight)
    {
        int compared = 0, found = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state, request) = RouteWithFreeRequest(seed, travelTimeWeight);
            var cheapest = new CheapestPairInsertion(ctx.Data);
            foreach (var route in state.Routes)
            {
                if (!route.Feasible || !cheapest.Applies(route, request)) return false; // the generator only makes such routes
                bool ok = cheapest.TryFind(route, request, double.PositiveInfinity, out int p, out int d, out double cost);
                var (lp, ld, lcost) = FromFullList(ctx, route, request);
                if (ok != lp >= 0 || (ok && (p != lp || d != ld || cost != lcost))) return false;
                // The solver's entry point (full list on short routes, bounded search on long ones) agrees too.
                bool viaEvaluator = ctx.Pairs.BestInRoute(route, request, out int ep, out int ed, out double ecost);
                if (viaEvaluator != ok || (ok && (ep, ed, ecost) != (p, d, cost))) return false;
                double brute = BruteForce(ctx, route, request);
                if (ok != !double.IsPositiveInfinity(brute)) return false;
                if (ok && Math.Abs(brute - cost) > 1e-6) return false;
                // The pair found is feasible and costs what it says.
                if (ok && (!ctx.Pairs.TryExact(route, request, p, d, out double exact) || Math.Abs(exact - cost) > 1e-6)) return false;
                compared++;
                if (!ok) continue;
                found++;
                // With a cutoff it reports the same pair when that is strictly cheaper, and none otherwise.
                double cutoff = cost + (new Random(seed + route.Vehicle).NextDouble() - 0.5) * 10;
                bool under = cheapest.TryFind(route, request, cutoff, out int cp, out int cd, out double ccost);
                if (under != cost < cutoff || (under && (cp, cd, ccost) != (p, d, cost))) return false;
                if (cheapest.TryFind(route, request, cost, out _, out _, out _)) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        Assert.True(found >= 150, $"only {found} of {compared} routes had a feasible insertion: the property barely ran");
    }

    [Fact]
    public void Ties_go_to_the_smallest_positions()
    {
        // Twelve requests at one point and a free thirteenth there too: every position pair costs zero, and there are
        // more pickup positions (25) than an insertion sort handles, so the order of equal bounds is arbitrary.
        var points = new List<(double X, double Y)> { (0, 0) };
        for (int i = 0; i < 26; i++) points.Add((5, 5));
        var matrix = DenseTravelMatrix.Euclidean(points);
        var requests = Enumerable.Range(0, 13).Select(r => new Request($"r{r}", RequestKind.Passenger, 1 + 2 * r, 2 + 2 * r,
            new TimeWindow(0, 1000), new TimeWindow(0, 1000), 0, 0, new LoadVector(1), double.PositiveInfinity)).ToImmutableArray();
        var vehicles = ImmutableArray.Create(new Vehicle("v0", 0, 0, new TimeWindow(0, 1000), new LoadVector(20)));
        var problem = new Problem(vehicles, requests, matrix, new ObjectiveWeights(TravelTime: 0, Distance: 1, RideTime: 0, Waiting: 0, Unserved: 1000, FixedCost: 0));
        var (ctx, state) = SearchStateFixture.Build(problem, null, 1);
        for (int r = 0; r < 12; r++) state.Insert(ctx, r, 0, state.Routes[0].Count, state.Routes[0].Count);
        var cheapest = new CheapestPairInsertion(ctx.Data);
        var route = state.Routes[0];
        // Every pair adds nothing (the depot leg is replaced by one of the same length), so the smallest pair wins.
        Assert.True(cheapest.TryFind(route, 12, double.PositiveInfinity, out int p, out int d, out double cost));
        var (lp, ld, lcost) = FromFullList(ctx, route, 12);
        Assert.Equal((lp, ld, lcost), (p, d, cost));
        Assert.Equal(0, cost, 9);
        Assert.Equal((0, 0), (p, d));
    }

    /// <summary>A random instance without ride-time and duration limits, solved by sequential insertion with one request left out.</summary>
    private static (SearchContext, SearchState, int) RouteWithFreeRequest(int seed, double travelTimeWeight)
    {
        var p = RouteSegmentPropertyTests.WithoutRideLimits(RandomInstances.Create(seed, maxRequests: 9, maxVehicles: 2));
        p = p with
        {
            Vehicles = p.Vehicles.Select(v => v with { MaxRouteDuration = double.PositiveInfinity }).ToImmutableArray(),
            Weights = p.Weights with { TravelTime = travelTimeWeight },
        };
        var (ctx, state) = SearchStateFixture.Build(p, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        int request = new Random(seed).Next(p.Requests.Length);
        if (state.RouteOf[request] >= 0) state.Remove(ctx, request);
        return (ctx, state, request);
    }

    /// <summary>Every candidate of the full list, the cheapest with ties to the smallest (pickup, delivery).</summary>
    private static (int, int, double) FromFullList(SearchContext ctx, WorkingRoute route, int request)
    {
        var buffer = new CandidateBuffer();
        ctx.Pairs.Generate(route, 0, request, buffer);
        int bp = -1, bd = -1;
        double best = double.PositiveInfinity;
        for (int c = 0; c < buffer.Count; c++)
        {
            var cand = buffer[c];
            if (cand.NeedsExact) throw new InvalidOperationException("full list asks for the exact check on an exact route");
            if (cand.Cost < best || (cand.Cost == best && (cand.Pickup < bp || (cand.Pickup == bp && cand.Delivery < bd))))
            {
                best = cand.Cost; bp = cand.Pickup; bd = cand.Delivery;
            }
        }
        return (bp, bd, best);
    }

    /// <summary>Cheapest exact cost change over every (pickup, delivery) position pair, fixed cost included.</summary>
    private static double BruteForce(SearchContext ctx, WorkingRoute route, int request)
    {
        double best = double.PositiveInfinity;
        for (int i = route.LockedCount; i <= route.Count; i++)
            for (int j = i; j <= route.Count; j++)
            {
                var seq = ctx.Pairs.BuildSequence(route, request, i, j).ToArray();
                if (!ctx.Evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out var metrics)) continue;
                best = Math.Min(best, metrics.Cost - route.Metrics.Cost);
            }
        return best;
    }
}
