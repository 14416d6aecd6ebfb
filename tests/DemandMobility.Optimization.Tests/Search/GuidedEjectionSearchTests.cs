using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Phases;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>
/// The pieces of guided ejection search (route minimisation): the ejection pool, the ejection choice against brute
/// force, the random perturbation moves, the fleet lower bound, and the phase itself (every state feasible, the pool
/// and the bank always the same requests, vehicles saved, reproducible).
/// </summary>
public class GuidedEjectionSearchTests
{
    /// <summary>A seeded line instance with tight pickup windows (so that routes are full and ejections matter).</summary>
    internal static Problem TightProblem(int seed, int requests, int vehicles, double fixedCost = 0, bool rideLimits = false)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        for (int v = 0; v < vehicles; v++) lp.AddVehicle(new LoadVector(2), shiftEnd: 400, fixedCost: fixedCost);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-50, 51), to = rng.Next(-50, 51);
            double e = rng.Next(0, 250);
            lp.AddRequest(from, to, new TimeWindow(e, e + rng.Next(5, 40)), new TimeWindow(0, 400),
                new LoadVector(rng.Next(3) == 0 ? 2 : 1), maxRide: rideLimits ? Math.Abs(to - from) * 1.5 + 15 : double.PositiveInfinity,
                service: 1);
        }
        return lp.Build(fixedCost > 0 ? ObjectiveWeights.DistanceOnly with { FixedCost = 1 } : null);
    }

    /// <summary>A constructed solution of <paramref name="p"/>, one served request taken out, and random counters.</summary>
    private static (SearchContext Ctx, SearchState State, int Request, int[] Penalty) WithFreeRequest(Problem p, int seed)
    {
        var (ctx, state) = SearchStateFixture.Build(p, null, seed);
        new RegretInsertion(2, false).Recreate(ctx, state);
        var rng = new Random(seed);
        var served = Enumerable.Range(0, p.Requests.Length).Where(r => state.RouteOf[r] >= 0).ToList();
        int request = served.Count == 0 ? -1 : served[rng.Next(served.Count)];
        if (request >= 0) state.Remove(ctx, request);
        var penalty = Enumerable.Range(0, p.Requests.Length).Select(_ => 1 + rng.Next(4)).ToArray();
        return (ctx, state, request, penalty);
    }

    [Fact]
    public void Pool_is_last_in_first_out_and_counts_failures()
    {
        var pool = new EjectionPool(5);
        pool.Push(3);
        pool.Push(1);
        pool.PushBottom(4);
        Assert.Equal(3, pool.Count);
        Assert.True(pool.Contains(4));
        Assert.Throws<InvalidOperationException>(() => pool.Push(1));
        Assert.Equal(1, pool.Pop());
        Assert.Equal(3, pool.Pop());
        Assert.Equal(4, pool.Pop());
        Assert.Throws<InvalidOperationException>(() => pool.Pop());
        pool.Penalise(2);
        pool.Penalise(2);
        Assert.Equal(3, pool.Penalties[2]);
        Assert.Equal(1, pool.Penalties[0]);
        pool.Push(0);
        pool.Reset();
        Assert.Equal(0, pool.Count);
        Assert.False(pool.Contains(0));
        Assert.Equal(1, pool.Penalties[2]);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(2, true)]
    public void Ejection_choice_has_the_least_penalty_sum_of_brute_force(int kMax, bool rideLimits)
    {
        int withEjection = 0, without = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = TightProblem(seed, requests: 10 + seed % 5, vehicles: 3, rideLimits: rideLimits);
            var (ctx, state, request, penalty) = WithFreeRequest(p, seed);
            if (request < 0) return true;
            var vehicles = state.Routes.Where(r => r.Metrics.Used).Select(r => r.Vehicle).ToArray();
            var search = new EjectionSearch(kMax);
            var choice = search.TryFind(ctx, state, request, penalty, vehicles);
            int brute = BruteForce(ctx, state, request, penalty, vehicles, kMax);
            if ((choice?.PenaltySum ?? int.MaxValue) != brute) return false;
            if (choice is null) { without++; return true; }
            withEjection++;
            // The choice is what it says: at most k_max requests of that route, its sum, and a feasible route after it.
            if (choice.Ejected.Length < 1 || choice.Ejected.Length > kMax) return false;
            if (choice.Ejected.Any(e => state.RouteOf[e] != choice.Vehicle)) return false;
            if (choice.Ejected.Sum(e => penalty[e]) != choice.PenaltySum) return false;
            foreach (int e in choice.Ejected) state.Remove(ctx, e);
            state.Insert(ctx, request, choice.Vehicle, choice.Pickup, choice.Delivery);
            return state.Routes[choice.Vehicle].Feasible;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(120), prop);
        Assert.True(withEjection >= 60, $"only {withEjection} of {withEjection + without} cases had an ejection: the property barely ran");
    }

    /// <summary>Least counter sum over every route and every subset of at most k_max of its requests that makes room,
    /// each candidate route and insertion checked by the exact schedule.</summary>
    private static int BruteForce(SearchContext ctx, SearchState state, int request, int[] penalty, int[] vehicles, int kMax)
    {
        int best = int.MaxValue;
        foreach (int v in vehicles)
        {
            var route = state.Routes[v];
            var stops = route.Stops.ToArray();
            var requests = stops.Where(s => s.Kind == StopKind.Pickup).Select(s => s.Request).ToArray();
            for (int mask = 1; mask < 1 << requests.Length; mask++)
            {
                int size = System.Numerics.BitOperations.PopCount((uint)mask);
                if (size > kMax) continue;
                var ejected = Enumerable.Range(0, requests.Length).Where(i => (mask & (1 << i)) != 0).Select(i => requests[i]).ToHashSet();
                int sum = ejected.Sum(e => penalty[e]);
                if (sum >= best) continue;
                var reduced = stops.Where(s => !ejected.Contains(s.Request)).ToList();
                if (!ctx.Evaluator.Evaluate(v, reduced.ToArray(), route.InitialLoad, out _)) continue;
                if (FitsSomewhere(ctx, v, reduced, request, route.InitialLoad)) best = sum;
            }
        }
        return best;
    }

    private static bool FitsSomewhere(SearchContext ctx, int vehicle, List<StopNode> stops, int request, LoadVector initialLoad)
    {
        for (int i = 0; i <= stops.Count; i++)
            for (int j = i; j <= stops.Count; j++)
            {
                var seq = new List<StopNode>(stops);
                seq.Insert(j, ctx.Data.Deliveries[request]);
                seq.Insert(i, ctx.Data.Pickups[request]);
                if (ctx.Evaluator.Evaluate(vehicle, seq.ToArray(), initialLoad, out _)) return true;
            }
        return false;
    }

    [Fact]
    public void Relocating_insertion_places_the_request_with_one_move_or_changes_nothing()
    {
        int inserted = 0, refused = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = TightProblem(seed, requests: 12, vehicles: 3, rideLimits: seed % 2 == 0);
            var (ctx, state, request, _) = WithFreeRequest(p, seed);
            if (request < 0) return true;
            var vehicles = state.Routes.Where(r => r.Metrics.Used).Select(r => r.Vehicle).ToArray();
            var before = state.Routes.Select(r => string.Join(",", r.Stops.ToArray().Select(x => (x.Request, x.Kind)))).ToArray();
            var bank = state.Unassigned.OrderBy(r => r).ToArray();
            if (new RelocatingInsertion().TryInsert(ctx, state, request, vehicles))
            {
                inserted++;
                // The request is served, the bank otherwise unchanged, and at most two routes differ.
                int changed = state.Routes.Where((r, v) => string.Join(",", r.Stops.ToArray().Select(x => (x.Request, x.Kind))) != before[v]).Count();
                return state.RouteOf[request] >= 0 && state.Unassigned.OrderBy(r => r).SequenceEqual(bank.Where(r => r != request))
                       && changed <= 2 && Consistent(ctx, state);
            }
            refused++;
            var after = state.Routes.Select(r => string.Join(",", r.Stops.ToArray().Select(x => (x.Request, x.Kind)))).ToArray();
            return after.SequenceEqual(before) && state.Unassigned.OrderBy(r => r).SequenceEqual(bank);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
        Assert.True(inserted >= 20, $"only {inserted} of {inserted + refused} requests were placed: the property barely ran");
    }

    [Fact]
    public void Random_moves_keep_every_route_feasible_and_the_index_consistent()
    {
        int moved = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = TightProblem(seed, requests: 14, vehicles: 4, rideLimits: seed % 2 == 0);
            var (ctx, state) = SearchStateFixture.Build(p, null, seed);
            new RegretInsertion(2, false).Recreate(ctx, state);
            var bank = state.Unassigned.OrderBy(r => r).ToArray();
            moved += new RandomPairMoves().Run(ctx, state, 30);
            if (!state.Unassigned.OrderBy(r => r).SequenceEqual(bank)) return false;
            return Consistent(ctx, state);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
        Assert.True(moved >= 100, $"only {moved} moves were made: the property barely ran");
    }

    /// <summary>Every route feasible by a fresh evaluation and every request either on exactly the route its index names or in the bank.</summary>
    private static bool Consistent(SearchContext ctx, SearchState state)
    {
        var seen = new int[state.RouteOf.Length];
        foreach (var route in state.Routes)
        {
            if (!route.Feasible || !ctx.Evaluator.Evaluate(route.Vehicle, route.Stops, route.InitialLoad, out _)) return false;
            foreach (var s in route.Stops)
                if (s.Kind == StopKind.Pickup)
                {
                    seen[s.Request]++;
                    if (state.RouteOf[s.Request] != route.Vehicle) return false;
                }
        }
        for (int r = 0; r < seen.Length; r++)
            if (seen[r] + (state.Unassigned.Contains(r) ? 1 : 0) != 1 || (seen[r] == 0) != (state.RouteOf[r] < 0)) return false;
        return true;
    }

    [Fact]
    public void Lower_bound_counts_mutually_incompatible_requests()
    {
        // Three requests whose pickups are due at the same moment far apart: no two fit one vehicle. A fourth fits anywhere.
        var lp = new LineProblem();
        for (int v = 0; v < 5; v++) lp.AddVehicle(new LoadVector(4));
        lp.AddRequest(-100, -90, new TimeWindow(100, 105), LineProblem.Any);
        lp.AddRequest(100, 90, new TimeWindow(100, 105), LineProblem.Any);
        lp.AddRequest(0, 10, new TimeWindow(100, 105), LineProblem.Any);
        lp.AddRequest(5, 6, LineProblem.Any, LineProblem.Any);
        var (ctx, _) = SearchStateFixture.Build(lp.Build(), null, 1);
        Assert.Equal(3, FleetLowerBound.Compute(ctx));
    }

    [Fact]
    public void Lower_bound_never_exceeds_the_vehicles_of_a_valid_plan()
    {
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = TightProblem(seed, requests: 12, vehicles: 12, fixedCost: 100);
            var s = new Solver(new SolverOptions(TimeSpan.FromMinutes(1), 300, seed)).Solve(p);
            if (s.Unserved.Length > 0) return true;
            var (ctx, _) = SearchStateFixture.Build(p, null, seed);
            return FleetLowerBound.Compute(ctx) <= s.Routes.Length;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), prop);
    }

    [Fact]
    public void Phase_saves_vehicles_with_every_state_feasible_and_the_pool_equal_to_the_bank()
    {
        int saved = 0;
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var p = TightProblem(seed, requests: 16, vehicles: 16, fixedCost: 100);
            // Start from one vehicle per request (the worst fleet), so that the phase has vehicles to save.
            var plan = LineProblem.Plan(Enumerable.Range(0, 16).Select(r => (r, new[] { (r, StopKind.Pickup), (r, StopKind.Delivery) })).ToArray());
            var (ctx, state) = SearchStateFixture.Build(p, plan, seed);
            if (state.Unassigned.Count > 0 || state.Routes.Any(r => !r.Feasible)) return true; // a request no vehicle serves alone
            var tracker = new BestTracker(state.Clone(), state.TrueCost(ctx), () => { });
            bool ok = true;
            var host = new CountingHost();
            var phase = new RouteMinimisation(ctx, new SolverTuning(), new SolverOptions(TimeSpan.FromMinutes(1), 4_000, seed), tracker, host)
            {
                AfterIteration = (s, pool) =>
                {
                    var bank = s.Unassigned.OrderBy(r => r);
                    var inPool = Enumerable.Range(0, s.RouteOf.Length).Where(pool.Contains);
                    ok &= pool.Count == s.Unassigned.Count && bank.SequenceEqual(inPool) && Consistent(ctx, s);
                },
            };
            phase.Run(state, () => host.Iterations, () => TimeSpan.Zero);
            saved += phase.Saved;
            // The best is complete and passes the independent validator, with as many vehicles fewer as were saved.
            var best = tracker.State;
            if (!ok || best.Unassigned.Count > 0 || best.UsedVehicles() != 16 - phase.Saved) return false;
            var solution = ToSolution(ctx, best);
            return SolutionValidator.Validate(p, solution).IsValid;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(20), prop);
        Assert.True(saved >= 20 * 5, $"only {saved} vehicles saved over 20 instances starting from 16 routes each");
    }

    [Fact]
    public void Solver_with_fixed_costs_is_reproducible_and_valid()
    {
        var p = TightProblem(5, requests: 24, vehicles: 10, fixedCost: 100, rideLimits: true);
        var a = new Solver(new SolverOptions(TimeSpan.FromMinutes(1), 2_000, 7)).Solve(p);
        var b = new Solver(new SolverOptions(TimeSpan.FromMinutes(1), 2_000, 7)).Solve(p);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Routes.Select(r => string.Join(",", r.Stops.Select(s => (s.Request, s.Kind)))),
            b.Routes.Select(r => string.Join(",", r.Stops.Select(s => (s.Request, s.Kind)))));
        var validation = SolutionValidator.Validate(p, a);
        Assert.True(validation.IsValid, string.Join("\n", validation.Violations));
    }

    [Fact]
    public void Two_workers_with_fixed_costs_are_reproducible_through_the_walk_before_the_fleet_phase()
    {
        // The walk before route minimisation exchanges bests at its cycle ends; with an iteration limit the workers
        // wait for each other there, so the run still depends only on the seed.
        var p = TightProblem(11, requests: 24, vehicles: 10, fixedCost: 100, rideLimits: false);
        var options = new SolverOptions(TimeSpan.FromMinutes(1), 3_000, 3, Workers: 2);
        var a = new Solver(options).Solve(p);
        var b = new Solver(options).Solve(p);
        Assert.Equal(a.Cost, b.Cost);
        var validation = SolutionValidator.Validate(p, a);
        Assert.True(validation.IsValid, string.Join("\n", validation.Violations));
    }

    private static Solution ToSolution(SearchContext ctx, SearchState state)
    {
        var routes = state.Routes.Where(r => r.RequestStops > 0).Select(r => r.ToPlan(ctx.Evaluator)).ToImmutableArray();
        double cost = state.Routes.Sum(r => r.Metrics.Cost);
        return new Solution(routes, state.Unassigned.ToImmutableArray(), cost);
    }

    /// <summary>A run that counts iterations only (the phase's own budget ends it).</summary>
    private sealed class CountingHost : IAlnsHost
    {
        public long Iterations { get; private set; }
        public void Advance() => Iterations++;
        public bool Stop() => false;
        public void ImproveLocally(SearchState state) { }
        public bool ShareBest() => false;
        public void ReportProgress() { }
    }
}
