using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.LocalSearch;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Properties;
using DemandMobility.Optimization.Tests.Search;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.LocalSearch;

/// <summary>
/// The granular neighbourhoods of the pair local searches (neighbour lists, bounded reinsertion, granular relocate and
/// exchange) against brute force on small random instances, and the solver with them on: valid and reproducible.
/// </summary>
public class GranularLocalSearchTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void Space_time_lists_are_the_nearest_by_brute_force()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var data = new ProblemData(RandomInstances.Create(seed, maxRequests: 25, maxVehicles: 2));
            int n = data.RequestCount, k = 1 + seed % 30;
            var lists = RequestNeighbours.SpaceTime(data, k);
            if (lists.Count != Math.Min(k, n - 1)) return false;
            for (int a = 0; a < n; a++)
            {
                var expected = Enumerable.Range(0, n).Where(b => b != a)
                    .OrderBy(b => RequestNeighbours.SpaceTimeDistance(data, a, b)).ThenBy(b => b).Take(lists.Count).ToArray();
                if (!lists.Of(a).SequenceEqual(expected)) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
    }

    [Fact]
    public void Stop_lists_are_the_nearest_stops_by_brute_force()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var data = new ProblemData(RandomInstances.Create(seed, maxRequests: 20, maxVehicles: 2));
            int n = data.RequestCount, k = 1 + seed % 25;
            var lists = StopNeighbours.Build(data, k);
            if (lists.Count != Math.Min(k, 2 * n - 2)) return false;
            for (int r = 0; r < n; r++)
            {
                var expected = new[] { 2 * r, 2 * r + 1 }.SelectMany(q => Enumerable.Range(0, 2 * n).Where(e => e / 2 != r)
                    .OrderBy(e => StopNeighbours.Distance(data, q, e)).ThenBy(e => e).Take(lists.Count).Select(e => e / 2)).ToArray();
                if (!lists.Of(r).SequenceEqual(expected)) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
    }

    [Fact]
    public void Spatial_lists_hold_the_nearest_by_brute_force()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var data = new ProblemData(RandomInstances.Create(seed, maxRequests: 25, maxVehicles: 2));
            var m = data.Matrix;
            int n = data.RequestCount, k = 1 + seed % 12;
            double Key(int a, int b) => m.Duration(data.Pickups[a].Location, data.Pickups[b].Location) + m.Duration(data.Deliveries[a].Location, data.Deliveries[b].Location);
            var lists = RequestNeighbours.Spatial(data, k);
            for (int a = 0; a < n; a++)
            {
                // Ties may come in any order: compare the distances, and that no request is listed twice or itself.
                var expected = Enumerable.Range(0, n).Where(b => b != a).Select(b => Key(a, b)).Order().Take(lists.Count).ToArray();
                var got = lists.Of(a).ToArray();
                if (got.Contains(a) || got.Distinct().Count() != got.Length) return false;
                if (!got.Select(b => Key(a, b)).SequenceEqual(expected)) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
    }

    [Fact]
    public void Bounded_insertion_finds_the_cheapest_position_below_the_threshold()
    {
        int found = 0, refused = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, maxRequests: 10, maxVehicles: 3);
            var rng = new Random(seed);
            for (int r = 0; r < ctx.Data.RequestCount; r++)
            {
                if (state.RouteOf[r] < 0) continue;
                var work = state.Clone();
                work.Remove(ctx, r);
                for (int v = 0; v < work.Routes.Length; v++)
                {
                    double brute = BruteInsertion(ctx, work.Routes[v], r);
                    double threshold = double.IsPositiveInfinity(brute) ? rng.NextDouble() * 50 : brute + (rng.NextDouble() - 0.5) * 20;
                    if (Math.Abs(threshold - brute) < 1e-4) continue;
                    bool ok = ctx.Pairs.BestInRoute(work.Routes[v], r, out int p, out int d, out double delta, threshold);
                    if (ok != brute < threshold) return false;
                    if (!ok) { refused++; continue; }
                    found++;
                    if (Math.Abs(delta - brute) > Tol) return false;
                    // The position found really costs that much.
                    double before = work.Routes[v].Metrics.Cost;
                    var check = work.Clone();
                    check.Insert(ctx, r, v, p, d);
                    if (!check.Routes[v].Feasible || Math.Abs(check.Routes[v].Metrics.Cost - before - delta) > Tol) return false;
                }
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(120), prop);
        Assert.True(found > 50 && refused > 50, $"found {found}, refused {refused}: the thresholds did not exercise both outcomes");
    }

    [Fact]
    public void Granular_relocate_ends_in_a_local_optimum_of_its_neighbourhood()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, maxRequests: 14, maxVehicles: 4);
            var granular = new GranularNeighbourhood(0, 3);
            double before = state.Cost(ctx);
            new RelocateLocalSearch(granular).Run(ctx, state, 1_000, () => false);
            if (state.Cost(ctx) > before + Tol || !Consistent(state)) return false;
            var lists = granular.Passing(ctx);
            for (int r = 0; r < ctx.Data.RequestCount; r++)
            {
                int own = state.RouteOf[r];
                if (own < 0) continue;
                var routes = lists.Of(r).ToArray().Select(o => state.RouteOf[o]).Append(own).Where(v => v >= 0).Distinct();
                var work = state.Clone();
                double saved = work.Routes[own].Metrics.Cost;
                work.Remove(ctx, r);
                saved -= work.Routes[own].Metrics.Cost;
                foreach (int v in routes)
                    if (BruteInsertion(ctx, work.Routes[v], r) < saved - 1e-4) return false;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
    }

    [Fact]
    public void Granular_exchange_never_raises_the_cost_and_keeps_routes_feasible()
    {
        int changed = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var (ctx, state) = RandomSolution(seed, maxRequests: 14, maxVehicles: 4);
            double before = state.Cost(ctx);
            if (new ExchangeLocalSearch(new GranularNeighbourhood(0, 4)).Run(ctx, state, 5, () => false)) changed++;
            double after = state.Cost(ctx);
            // Costs are the routes' exact metrics: recompute them from scratch to be sure nothing is stale.
            double fresh = 0;
            foreach (var route in state.Routes)
            {
                if (!ctx.Evaluator.Evaluate(route.Vehicle, route.Stops, route.InitialLoad, out var metrics)) return false;
                fresh += route.RequestStops == 0 ? 0 : metrics.Cost;
            }
            foreach (int u in state.Unassigned) fresh += ctx.UnservedCost(u);
            return after <= before + Tol && Math.Abs(fresh - after) < Tol && Consistent(state);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), prop);
        Assert.True(changed > 0, "no exchange was ever made: the test checks nothing");
    }

    [Fact]
    public void Solver_with_granular_neighbourhoods_and_decomposition_is_valid_and_reproducible()
    {
        var problem = DayOnALine(seed: 3, requests: 80, vehicles: 8);
        var tuning = new SolverTuning { GranularFrom = 0, GranularNeighbours = 6, DecompositionFrom = 0, DecompositionSubRequests = 20, DecompositionIterations = 60 };
        Solution Solve() => new Solver(new SolverOptions(TimeSpan.FromMinutes(5), 600, 11), tuning).Solve(problem);
        var a = Solve();
        var b = Solve();
        var check = SolutionValidator.Validate(problem, a);
        Assert.True(check.IsValid, string.Join("; ", check.Violations));
        Assert.Equal(check.Objective.Total, a.Cost, 6);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(Describe(a), Describe(b));
    }

    private static string Describe(Solution s) =>
        string.Join("|", s.Routes.Select(r => r.Vehicle + ":" + string.Join(",", r.Stops.Select(x => $"{x.Kind}{x.Request}"))));

    /// <summary>A day on a line: requests spread over the day with windows and ride limits, a homogeneous fleet.</summary>
    private static Problem DayOnALine(int seed, int requests, int vehicles)
    {
        var rng = new Random(seed);
        var lp = new Insertion.LineProblem();
        for (int v = 0; v < vehicles; v++) lp.AddVehicle(new LoadVector(3), shiftEnd: 1000, maxDuration: 900);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-60, 61), to = rng.Next(-60, 61);
            double e = rng.Next(0, 800);
            lp.AddRequest(from, to, new TimeWindow(e, e + 60), new TimeWindow(0, 1000), new LoadVector(1),
                maxRide: Math.Abs(to - from) * 2 + 20, service: 2);
        }
        return lp.Build();
    }

    private static bool Consistent(SearchState state)
    {
        foreach (var route in state.Routes)
        {
            if (!route.Feasible) return false;
            foreach (var s in route.Stops)
                if (s.Request >= 0 && state.RouteOf[s.Request] != route.Vehicle) return false;
        }
        return true;
    }

    /// <summary>Cheapest exact cost change of inserting <paramref name="request"/> anywhere into the route (+∞: nowhere).</summary>
    private static double BruteInsertion(SearchContext ctx, WorkingRoute route, int request)
    {
        if (!route.Feasible || !ctx.Data.Allowed(request, route.Vehicle)) return double.PositiveInfinity;
        var s = route.Stops.ToArray();
        double best = double.PositiveInfinity;
        for (int i = route.LockedCount; i <= s.Length; i++)
            for (int j = i; j <= s.Length; j++)
            {
                var seq = s.Take(i).Append(ctx.Data.Pickups[request]).Concat(s.Skip(i).Take(j - i)).Append(ctx.Data.Deliveries[request]).Concat(s.Skip(j)).ToArray();
                if (ctx.Evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out var m))
                    best = Math.Min(best, m.Cost - route.Metrics.Cost);
            }
        return best;
    }

    /// <summary>A random instance, its requests inserted in random order: feasible routes of varied shape.</summary>
    private static (SearchContext, SearchState) RandomSolution(int seed, int maxRequests, int maxVehicles)
    {
        var p = RandomInstances.Create(seed, maxRequests, maxVehicles);
        var (ctx, state) = SearchStateFixture.Build(p, null, seed);
        new SequentialInsertion(InsertionOrder.Random).Recreate(ctx, state);
        return (ctx, state);
    }
}
