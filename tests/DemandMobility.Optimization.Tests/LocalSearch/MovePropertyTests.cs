using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Properties;
using DemandMobility.Optimization.Tests.Search;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.LocalSearch;

/// <summary>
/// Each segment-evaluated move against brute force: on random small routes, the best delta a move finds
/// (with no threshold) equals the best delta over every candidate re-evaluated from scratch by the exact
/// schedule, it finds none exactly when no candidate is feasible, and applying it changes the routes' exact
/// cost by that delta.
/// </summary>
public class MovePropertyTests
{
    private const double Tol = 1e-6;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_opt_star_delta_equals_brute_force(bool rideLimits)
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, rideLimits, maxVehicles: 3);
            var move = new TwoOptStarMove();
            for (int v1 = 0; v1 < state.Routes.Length; v1++)
                for (int v2 = v1 + 1; v2 < state.Routes.Length; v2++)
                {
                    double expected = BruteTwoOptStar(ctx, state, v1, v2);
                    double got = move.Evaluate(ctx, state, v1, v2, double.PositiveInfinity);
                    if (!SameDelta(expected, got)) return false;
                    if (!AppliesAsEvaluated(ctx, state, move, got, v1, v2)) return false;
                }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Or_opt_delta_equals_brute_force(bool rideLimits)
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, rideLimits, maxVehicles: 2);
            var move = new OrOptMove();
            for (int v = 0; v < state.Routes.Length; v++)
            {
                double expected = BruteOrOpt(ctx, state.Routes[v]);
                double got = move.Evaluate(ctx, state, v, v, double.PositiveInfinity);
                if (!SameDelta(expected, got)) return false;
                if (!AppliesAsEvaluated(ctx, state, move, got, v, v)) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
    }

    [Fact]
    public void Local_search_never_raises_the_cost_and_keeps_every_route_feasible()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, rideLimits: seed % 2 == 0, maxVehicles: 4);
            double before = state.Routes.Sum(r => r.Metrics.Cost);
            new SegmentLocalSearch(new TwoOptStarMove(), new OrOptMove()).Run(ctx, state, 5, () => false);
            if (state.Routes.Sum(r => r.Metrics.Cost) > before + Tol) return false;
            foreach (var route in state.Routes)
            {
                if (!route.Feasible) return false;
                foreach (var s in route.Stops)
                    if (s.Request >= 0 && state.RouteOf[s.Request] != route.Vehicle) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
    }

    private static bool SameDelta(double expected, double got) =>
        double.IsPositiveInfinity(expected) ? double.IsPositiveInfinity(got) : Math.Abs(expected - got) < Tol;

    /// <summary>Applies the found move to the state and compares the exact cost change with the evaluated delta.</summary>
    private static bool AppliesAsEvaluated(SearchContext ctx, SearchState state, ILocalSearchMove move, double delta, int v1, int v2)
    {
        if (double.IsPositiveInfinity(delta)) return true;
        double before = state.Routes[v1].Metrics.Cost + (v1 == v2 ? 0 : state.Routes[v2].Metrics.Cost);
        move.Apply(ctx, state);
        var r1 = state.Routes[v1];
        var r2 = state.Routes[v2];
        double after = r1.Metrics.Cost + (v1 == v2 ? 0 : r2.Metrics.Cost);
        return r1.Feasible && r2.Feasible && Math.Abs(after - before - delta) < Tol;
    }

    /// <summary>A random instance, its requests inserted in random order: feasible routes of varied shape.</summary>
    private static (SearchContext, SearchState) RandomSolution(int seed, bool rideLimits, int maxVehicles)
    {
        var p = RandomInstances.Create(seed, maxRequests: 10, maxVehicles: maxVehicles);
        if (!rideLimits) p = RouteSegmentPropertyTests.WithoutRideLimits(p);
        var (ctx, state) = SearchStateFixture.Build(p, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        return (ctx, state);
    }

    private static double BruteTwoOptStar(SearchContext ctx, SearchState state, int v1, int v2)
    {
        var route1 = state.Routes[v1];
        var route2 = state.Routes[v2];
        var data = ctx.Data;
        if (!route1.Feasible || !route2.Feasible || (route1.RequestStops == 0 && route2.RequestStops == 0)) return double.PositiveInfinity;
        var s1 = route1.Stops.ToArray();
        var s2 = route2.Stops.ToArray();
        double before = route1.Metrics.Cost + route2.Metrics.Cost, best = double.PositiveInfinity;
        for (int a = 0; a <= s1.Length; a++)
            for (int b = 0; b <= s2.Length; b++)
            {
                if (a == s1.Length && b == s2.Length) continue;
                if (!EmptyAfter(s1, a) || !EmptyAfter(s2, b)) continue;
                if (s1.Skip(a).Any(s => !data.Allowed(s.Request, v2)) || s2.Skip(b).Any(s => !data.Allowed(s.Request, v1))) continue;
                var n1 = s1.Take(a).Concat(s2.Skip(b)).ToArray();
                var n2 = s2.Take(b).Concat(s1.Skip(a)).ToArray();
                if (!ctx.Evaluator.Evaluate(v1, n1, route1.InitialLoad, out var m1)) continue;
                if (!ctx.Evaluator.Evaluate(v2, n2, route2.InitialLoad, out var m2)) continue;
                best = Math.Min(best, m1.Cost + m2.Cost - before);
            }
        return best;
    }

    private static bool EmptyAfter(StopNode[] stops, int a)
    {
        var load = LoadVector.Zero;
        for (int i = 0; i < a; i++) load += stops[i].Delta;
        return load == LoadVector.Zero;
    }

    private static double BruteOrOpt(SearchContext ctx, WorkingRoute route)
    {
        if (!route.Feasible || route.RequestStops < 2) return double.PositiveInfinity;
        var s = route.Stops.ToArray();
        int n = s.Length;
        double best = double.PositiveInfinity;
        for (int i = 1; i <= n; i++)
            for (int j = i; j <= Math.Min(n, i + OrOptMove.MaxBlock - 1); j++)
                for (int k = 0; k <= n; k++)
                {
                    if (k >= i - 1 && k <= j) continue; // the block's own place
                    var block = s[(i - 1)..j];
                    var rest = s.Take(i - 1).Concat(s.Skip(j)).ToList();
                    int at = k < i ? k : k - block.Length;
                    rest.InsertRange(at, block);
                    if (!ctx.Evaluator.Evaluate(route.Vehicle, rest.ToArray(), route.InitialLoad, out var m)) continue;
                    best = Math.Min(best, m.Cost - route.Metrics.Cost);
                }
        return best;
    }
}
