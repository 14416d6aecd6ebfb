using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// SISR's insertion with blinks (<see cref="BlinkInsertion"/>) against the evaluator's cheapest insertion on random
/// small instances (with ride-time limits and schedule-dependent costs where the generator makes them): without blinks
/// the same cost, with blinks a feasible pair that costs what it says and never less than the cheapest.
/// </summary>
public class BlinkInsertionTests
{
    [Fact]
    public void Without_blinks_it_finds_the_cheapest_insertion_of_the_evaluator()
    {
        int found = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state, request) = StateWithFreeRequest(seed);
            var blinks = new BlinkInsertion();
            foreach (var route in state.Routes)
            {
                bool ok = blinks.BestInRoute(ctx, route, request, 0, double.PositiveInfinity, out _, out _, out double cost);
                bool reference = ctx.Pairs.BestInRoute(route, request, out _, out _, out double referenceCost);
                if (ok != reference || (ok && Math.Abs(cost - referenceCost) > 1e-9)) return false;
                if (!ok) continue;
                found++;
                // A cutoff at the cheapest cost leaves nothing strictly cheaper; just above it keeps the answer.
                if (blinks.BestInRoute(ctx, route, request, 0, cost, out _, out _, out _)) return false;
                if (!blinks.BestInRoute(ctx, route, request, 0, cost + 1e-6, out _, out _, out double under)
                    || Math.Abs(under - cost) > 1e-9) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        Assert.True(found >= 150, $"only {found} routes had a feasible insertion: the property barely ran");
    }

    [Fact]
    public void With_blinks_it_finds_a_feasible_insertion_no_cheaper_than_the_cheapest()
    {
        int dearer = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state, request) = StateWithFreeRequest(seed);
            var blinks = new BlinkInsertion();
            foreach (var route in state.Routes)
            {
                bool cheapest = ctx.Pairs.BestInRoute(route, request, out _, out _, out double cheapestCost);
                if (!blinks.BestInRoute(ctx, route, request, 0.5, double.PositiveInfinity, out int p, out int d, out double cost))
                    continue;
                if (!cheapest || cost < cheapestCost - 1e-9) return false;
                if (!ctx.Pairs.TryExact(route, request, p, d, out double exact) || Math.Abs(exact - cost) > 1e-6) return false;
                if (cost > cheapestCost + 1e-9) dearer++;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
        // Half of all pairs blink: on some routes the cheapest one did, and a dearer pair was taken.
        Assert.True(dearer >= 10, $"blinks changed the choice on only {dearer} routes");
    }

    /// <summary>A random instance solved by sequential insertion with one request left out.</summary>
    private static (SearchContext, SearchState, int) StateWithFreeRequest(int seed)
    {
        var p = RandomInstances.Create(seed, maxRequests: 9, maxVehicles: 2);
        var (ctx, state) = SearchStateFixture.Build(p, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        int request = new Random(seed).Next(p.Requests.Length);
        if (state.RouteOf[request] >= 0) state.Remove(ctx, request);
        return (ctx, state, request);
    }
}
