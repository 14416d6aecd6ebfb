using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

public class SolverTests
{
    private static SolverOptions Iterations(long n, int seed = 1) => new(TimeSpan.FromMinutes(5), n, seed);

    /// <summary>A seeded random instance on a line with windows, ride limits and mixed loads.</summary>
    private static Problem RandomProblem(int seed, int requests, int vehicles, bool mustServe, double fixedCost = 0)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        for (int v = 0; v < vehicles; v++)
            lp.AddVehicle(new LoadVector(3, 1), shiftEnd: 600, maxDuration: 500, fixedCost: fixedCost);
        for (int r = 0; r < requests; r++)
        {
            double from = rng.Next(-60, 61), to = rng.Next(-60, 61);
            double e = rng.Next(0, 300);
            double direct = Math.Abs(to - from);
            lp.AddRequest(from, to, new TimeWindow(e, e + 40), new TimeWindow(0, 600),
                new LoadVector(1, rng.Next(5) == 0 ? 1 : 0), maxRide: direct * 2 + 20, service: 2, mustServe: mustServe && r % 2 == 0);
        }
        return lp.Build();
    }

    [Fact]
    public void Solution_is_valid_and_serves_every_must_serve_request()
    {
        var p = RandomProblem(7, requests: 20, vehicles: 4, mustServe: true);
        var s = new Solver(Iterations(500)).Solve(p);

        var result = SolutionValidator.Validate(p, s);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.DoesNotContain(s.Unserved, r => p.Requests[r].MustServe);
        Assert.True(s.Routes.Sum(r => r.Stops.Length) > 0);
    }

    [Fact]
    public void Route_minimisation_and_2_opt_star_are_reproducible_for_a_seed()
    {
        // Fixed vehicle costs switch the route-minimisation phase on; its end depends on iteration counts only
        // (the time cap of 50 % of five minutes never binds here), so two runs follow the same trajectory.
        var p = RandomProblem(23, requests: 18, vehicles: 5, mustServe: true, fixedCost: 100);
        var la = new List<SolverProgress>(); var lb = new List<SolverProgress>();
        var a = new Solver(Iterations(1_500, seed: 3)).Solve(p, null, new Sync(la.Add));
        var b = new Solver(Iterations(1_500, seed: 3)).Solve(p, null, new Sync(lb.Add));
        Assert.Equal(string.Join("\n", la.Select(x => (x.Iteration, x.BestCost, x.BestVehicles))), string.Join("\n", lb.Select(x => (x.Iteration, x.BestCost, x.BestVehicles))));
        Assert.Equal(a.Cost, b.Cost);
        Assert.True(SolutionValidator.Validate(p, a).IsValid);
    }

    [Fact]
    public void Same_seed_gives_the_same_solution()
    {
        var p = RandomProblem(11, requests: 16, vehicles: 3, mustServe: false);
        var la = new List<SolverProgress>(); var lb = new List<SolverProgress>();
        var a = new Solver(Iterations(400, seed: 5)).Solve(p, null, new Sync(la.Add));
        var b = new Solver(Iterations(400, seed: 5)).Solve(p, null, new Sync(lb.Add));
        Assert.Equal(string.Join("\n", la.Select(x => (x.Iteration, x.BestCost))), string.Join("\n", lb.Select(x => (x.Iteration, x.BestCost))));

        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Routes.Length, b.Routes.Length);
        for (int k = 0; k < a.Routes.Length; k++)
        {
            Assert.Equal(a.Routes[k].Vehicle, b.Routes[k].Vehicle);
            Assert.Equal(a.Routes[k].Stops.ToArray(), b.Routes[k].Stops.ToArray());
        }
    }

    private sealed class Sync(Action<SolverProgress> a) : IProgress<SolverProgress> { public void Report(SolverProgress p) => a(p); }

    [Fact]
    public void Warm_start_is_never_made_worse()
    {
        var p = RandomProblem(3, requests: 14, vehicles: 3, mustServe: false);
        var first = new Solver(Iterations(50)).Solve(p);
        var second = new Solver(Iterations(200, seed: 2)).Solve(p, first);

        Assert.True(SolutionValidator.Validate(p, second).IsValid);
        Assert.True(second.Cost <= first.Cost + 1e-6, $"{second.Cost} > {first.Cost}");
    }

    [Fact]
    public void Live_state_keeps_the_locked_prefix_and_delivers_on_board_requests()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(2), startX: 20);
        lp.AddVehicle(new LoadVector(2));
        int onBoard = lp.AddRequest(0, 40, LineProblem.Any, LineProblem.Any, maxRide: 100);
        int locked = lp.AddRequest(25, -30, LineProblem.Any, LineProblem.Any);
        for (int k = 0; k < 6; k++) lp.AddRequest(-40 + 15 * k, 35 - 10 * k, LineProblem.Any, LineProblem.Any);
        lp.AddState(new VehicleState(0, ImmutableArray.Create(new OnBoardRequest(onBoard, -10)),
            ImmutableArray.Create(new StopRef(locked, StopKind.Pickup))));
        var p = lp.Build();

        var s = new Solver(Iterations(300)).Solve(p);

        var result = SolutionValidator.Validate(p, s);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        var route0 = s.Routes.Single(r => r.Vehicle == 0);
        Assert.Equal((locked, StopKind.Pickup), (route0.Stops[0].Request, route0.Stops[0].Kind));
        Assert.Contains(route0.Stops, x => x.Request == onBoard && x.Kind == StopKind.Delivery);
        Assert.DoesNotContain(s.Routes.SelectMany(r => r.Stops), x => x.Request == onBoard && x.Kind == StopKind.Pickup);
    }

    [Fact]
    public void Fixed_vehicle_cost_drives_the_fleet_down()
    {
        // Six short trips that one vehicle can chain: with a fixed cost per vehicle, one route is best.
        var lp = new LineProblem();
        for (int v = 0; v < 3; v++) lp.AddVehicle(new LoadVector(1), fixedCost: 1000);
        for (int k = 0; k < 6; k++) lp.AddRequest(10 * k, 10 * k + 5, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();

        var s = new Solver(Iterations(300)).Solve(p);

        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.Single(s.Routes);
        Assert.Equal(110 + 1000, s.Cost, 6); // out to x = 55 picking up and dropping each trip on the way, then back
    }

    /// <summary>Brute force over all stop orders of one vehicle, with a forward earliest schedule (exact without ride limits).</summary>
    private static List<(int R, bool Pickup)> BestSeq = new();

    private static double BruteForce(Problem p)
    {
        int n = p.Requests.Length;
        var v = p.Vehicles[0];
        double best = double.PositiveInfinity;
        var seq = new List<(int R, bool Pickup)>();
        void Recurse(bool[] picked, bool[] done, int load)
        {
            if (seq.Count == 2 * n)
            {
                double t = v.Shift.Earliest, dist = 0;
                int loc = v.StartLocation;
                foreach (var (r, pick) in seq)
                {
                    var q = p.Requests[r];
                    int next = pick ? q.PickupLocation : q.DeliveryLocation;
                    var w = pick ? q.PickupWindow : q.DeliveryWindow;
                    t += p.Matrix.Duration(loc, next);
                    dist += p.Matrix.Distance(loc, next);
                    loc = next;
                    if (t > w.Latest + 1e-9) return;
                    t = Math.Max(t, w.Earliest) + (pick ? q.PickupServiceTime : q.DeliveryServiceTime);
                }
                t += p.Matrix.Duration(loc, v.EndLocation);
                dist += p.Matrix.Distance(loc, v.EndLocation);
                if (t <= v.Shift.Latest + 1e-9 && dist < best) { best = dist; BestSeq = seq.ToList(); }
                return;
            }
            for (int r = 0; r < n; r++)
            {
                if (!picked[r] && load + p.Requests[r].Load.Seats <= v.Capacity.Seats)
                {
                    picked[r] = true; seq.Add((r, true));
                    Recurse(picked, done, load + p.Requests[r].Load.Seats);
                    seq.RemoveAt(seq.Count - 1); picked[r] = false;
                }
                else if (picked[r] && !done[r])
                {
                    done[r] = true; seq.Add((r, false));
                    Recurse(picked, done, load - p.Requests[r].Load.Seats);
                    seq.RemoveAt(seq.Count - 1); done[r] = false;
                }
            }
        }
        Recurse(new bool[n], new bool[n], 0);
        return best;
    }

    // Cases the property once found (whole-solution rebuilds only; a cheap request blocking a tight one).
    [Theory]
    [InlineData(739679)]
    [InlineData(887860)]
    public void Brute_force_case(int seed) { var r = TinyCase(seed); Assert.True(r == "ok", r); }

    private static string TinyCase(int seed)
    {
        var rng = new Random(seed);
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1 + rng.Next(2)), shiftEnd: 400);
        int n = 2 + rng.Next(3);
        for (int r = 0; r < n; r++)
        {
            double from = rng.Next(-40, 41), to = rng.Next(-40, 41);
            double e = rng.Next(0, 150);
            lp.AddRequest(from, to, rng.Next(2) == 0 ? new TimeWindow(e, e + 30) : new TimeWindow(0, 400), new TimeWindow(0, 400), service: 1);
        }
        var p = lp.Build(new ObjectiveWeights(Unserved: 1e4));
        double brute = BruteForce(p);
        if (double.IsPositiveInfinity(brute)) return "ok"; // not every request fits: nothing to compare
        var s = new Solver(Iterations(150, seed)).Solve(p);
        bool ok = s.Unserved.Length == 0 && Math.Abs(s.Cost - brute) < 1e-6 && SolutionValidator.Validate(p, s).IsValid;
        return ok ? "ok" : $"seed {seed}: brute {brute}, solver {s.Cost}, unserved {s.Unserved.Length}, valid {SolutionValidator.Validate(p, s).IsValid}: "
            + string.Join(" ", s.Routes.SelectMany(r => r.Stops).Select(x => $"{x.Request}{x.Kind.ToString()[0]}@{x.ServiceStart}"))
            + " | " + string.Join(" ", p.Requests.Select(q => $"[{q.PickupLocation}->{q.DeliveryLocation} {q.PickupWindow}]"))
            + " brute force: " + string.Join(" ", BestSeq.Select(x => $"{x.R}{(x.Pickup ? "P" : "D")}"));
    }

    [Fact]
    public void Matches_brute_force_on_tiny_single_vehicle_instances()
    {
        // A fixed sweep of instance seeds rather than FsCheck's fresh random ones: the solver is a heuristic
        // with a bounded budget, so a rare miss of the optimum is a quality finding to reproduce and study,
        // not a reason for CI to fail at random. Invariants (validity) keep random seeds elsewhere.
        for (int seed = 1; seed <= 60; seed++)
            Assert.True(TinyCase(seed) == "ok", $"seed {seed}: {TinyCase(seed)}");
    }

    [Fact]
    public void Empty_problem_and_impossible_request_give_a_valid_answer()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1));
        var empty = lp.Build();
        var none = new Solver(Iterations(10)).Solve(empty);
        Assert.Empty(none.Routes);
        Assert.Equal(0, none.Cost);

        int tooBig = lp.AddRequest(5, 10, LineProblem.Any, LineProblem.Any, new LoadVector(2));
        var p = lp.Build();
        var s = new Solver(Iterations(10)).Solve(p);
        Assert.Equal(new[] { tooBig }, s.Unserved.ToArray());
        Assert.True(SolutionValidator.Validate(p, s).IsValid);
    }

    [Fact]
    public void Cancellation_returns_the_best_so_far()
    {
        var p = RandomProblem(5, requests: 20, vehicles: 4, mustServe: false);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var s = new Solver(new SolverOptions(TimeSpan.FromMinutes(5))).Solve(p, cancellationToken: cts.Token);
        Assert.True(SolutionValidator.Validate(p, s).IsValid);
    }

    [Fact]
    public void Mixed_fleet_moves_a_whole_route_to_the_larger_vehicle()
    {
        // v0: 1 seat, no fixed cost; v1: 2 seats, fixed cost 5. Trips 10→30 and 12→32.
        // On v0 one after the other: 10 + 20 + 18 + 20 + 32 = 100. Pooled on v1: 32 + 32 + 5 = 69.
        // Moving one request at a time to v1 only makes things worse, so the search has to move both together.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1));
        lp.AddVehicle(new LoadVector(2), fixedCost: 5);
        lp.AddRequest(10, 30, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(12, 32, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();

        var s = new Solver(Iterations(3000)).Solve(p);

        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.Equal(69, s.Cost, 6);
        Assert.Equal(1, Assert.Single(s.Routes).Vehicle);
    }
}
