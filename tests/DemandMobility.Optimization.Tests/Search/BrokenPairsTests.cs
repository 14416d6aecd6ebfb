using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Pool;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// <see cref="BrokenPairs"/> against a direct reference (each request's stops with their neighbours, looked up by
/// request and kind) on random solutions of random small instances, and on a hand-made pair of plans.
/// </summary>
public class BrokenPairsTests
{
    [Fact]
    public void Marks_the_same_requests_as_the_reference_and_is_symmetric()
    {
        int differing = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var problem = RandomInstances.Create(seed, maxRequests: 9, maxVehicles: 3, withFixedCost: false);
            var a = RandomSolution(problem, seed);
            var b = RandomSolution(problem, seed + 1);
            int n = problem.Requests.Length;
            var pairs = new BrokenPairs(n);
            var ab = new bool[n];
            var ba = new bool[n];
            int count = pairs.Mark(a, b, ab);
            pairs.Mark(b, a, ba);
            var expected = Reference(a, b);
            differing += count;
            Assert.Equal(expected, ab);
            Assert.Equal(expected, ba);
            Assert.Equal(expected.Count(d => d), count);
            Assert.Equal(0, pairs.Mark(a, a.Clone(), ab));
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
        // The random pairs must exercise the differing case, not only agreement.
        Assert.True(differing > 0);
    }

    [Fact]
    public void A_changed_order_marks_the_requests_around_it_and_a_moved_route_marks_nothing()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        lp.AddVehicle(new LoadVector(4));
        for (int r = 0; r < 4; r++) lp.AddRequest(r, r + 10, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();
        var a = SearchStateFixture.Build(p, LineProblem.Plan(
            (0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Pickup), (1, StopKind.Delivery) }),
            (1, new[] { (2, StopKind.Pickup), (3, StopKind.Pickup), (2, StopKind.Delivery), (3, StopKind.Delivery) })), 1).State;
        // Same sequences with the vehicles swapped and the second route's deliveries in the other order.
        var b = SearchStateFixture.Build(p, LineProblem.Plan(
            (1, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Pickup), (1, StopKind.Delivery) }),
            (0, new[] { (2, StopKind.Pickup), (3, StopKind.Pickup), (3, StopKind.Delivery), (2, StopKind.Delivery) })), 1).State;
        var differs = new bool[4];

        int count = new BrokenPairs(4).Mark(a, b, differs);

        Assert.Equal(new[] { false, false, true, true }, differs);
        Assert.Equal(2, count);
    }

    [Fact]
    public void Solutions_of_another_request_count_are_rejected()
    {
        var problem = RandomInstances.Create(5, maxRequests: 4, maxVehicles: 2);
        var a = RandomSolution(problem, 5);
        var e = Assert.Throws<ArgumentException>(() => new BrokenPairs(a.RouteOf.Length + 1).Mark(a, a, new bool[a.RouteOf.Length + 1]));
        Assert.Contains("requests", e.Message);
    }

    /// <summary>Random insertion order with a few requests left out, so that "served in one only" occurs too.</summary>
    private static SearchState RandomSolution(Problem problem, int seed)
    {
        var (ctx, state) = SearchStateFixture.Build(problem, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        for (int r = 0; r < state.RouteOf.Length; r++)
            if (state.RouteOf[r] >= 0 && ctx.Random.Next(5) == 0) state.Remove(ctx, r);
        return state;
    }

    private static bool[] Reference(SearchState a, SearchState b)
    {
        var na = Neighbours(a);
        var nb = Neighbours(b);
        var differs = new bool[a.RouteOf.Length];
        for (int r = 0; r < differs.Length; r++)
            foreach (var kind in new[] { StopKind.Pickup, StopKind.Delivery })
            {
                bool inA = na.TryGetValue((r, kind), out var x), inB = nb.TryGetValue((r, kind), out var y);
                if (inA != inB || x != y) differs[r] = true;
            }
        return differs;
    }

    /// <summary>Each request stop's previous and next request stop ("depot" at a route's ends), breaks left out.</summary>
    private static Dictionary<(int, StopKind), (string, string)> Neighbours(SearchState s)
    {
        var result = new Dictionary<(int, StopKind), (string, string)>();
        foreach (var route in s.Routes)
        {
            var stops = route.Stops.ToArray().Where(x => x.Kind != StopKind.Break).Select(x => (x.Request, x.Kind)).ToList();
            for (int i = 0; i < stops.Count; i++)
            {
                string before = i == 0 ? "depot" : stops[i - 1].ToString();
                string after = i == stops.Count - 1 ? "depot" : stops[i + 1].ToString();
                result[stops[i]] = (before, after);
            }
        }
        return result;
    }
}
