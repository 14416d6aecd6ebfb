using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Subproblems;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// Decomposition of the improvement phase for large instances, after POPMUSIC (Taillard &amp; Voss 2002, "POPMUSIC —
/// Partial optimization metaheuristic under special intensification conditions"; for vehicle routing Queiroga, Sadykov
/// &amp; Uchoa 2021, "A POPMUSIC matheuristic for the capacitated vehicle routing problem", C&amp;OR 136): take a seed route
/// and its nearest routes in space and time (<see cref="RouteProximity"/>) up to about
/// <see cref="SolverTuning.DecompositionSubRequests"/> requests, plus one unused vehicle, solve that subproblem with the
/// whole solver (ALNS and local search) for <see cref="SolverTuning.DecompositionIterations"/> iterations from its current
/// routes, and write the result back only when it is cheaper. A seed whose subproblem did not improve is done until one
/// of the routes around it changes; when every route is done (a local optimum for this subproblem size), the next pass
/// uses subproblems half as large again, up to four times the first size.
/// </summary>
/// <remarks>
/// On a whole day the walk of the full ALNS is slow per iteration (every copy, removal and insertion scans the whole
/// day) and most of its random removals take requests hours apart, which no insertion can combine; a subproblem of a
/// few neighbouring routes is searched at the iteration rate of a small instance. Each subproblem gets its own seed from
/// the run's random stream, and its iterations count as the run's, so a run stays deterministic for a seed and an
/// iteration limit.
/// </remarks>
internal sealed class Decomposition(SearchContext ctx, SolverTuning tuning, BestTracker best, IDecompositionHost host)
{
    /// <summary>
    /// Whether the phase applies: at least <see cref="SolverTuning.DecompositionFrom"/> requests, and a static problem
    /// without pins, fixed requests or on-board passengers (a subproblem renumbers vehicles and requests).
    /// </summary>
    public static bool Applies(SearchContext ctx, SolverTuning tuning)
    {
        var data = ctx.Data;
        if (data.RequestCount < tuning.DecompositionFrom) return false;
        for (int v = 0; v < data.VehicleCount; v++) if (data.States[v] is not null) return false;
        for (int r = 0; r < data.RequestCount; r++)
            if (ctx.Fixed[r] || data.Pinned[r] >= 0 || data.OnBoardVehicle[r] >= 0) return false;
        return true;
    }

    /// <summary>Improves <paramref name="current"/> (which starts as a copy of the best) by subproblems until the run stops.</summary>
    public void Run(SearchState current)
    {
        var rng = ctx.Random;
        var subTuning = tuning with { DecompositionFrom = int.MaxValue };
        int subRequests = tuning.DecompositionSubRequests;
        var pending = new List<int>();
        Refill(current, pending);
        while (!host.Stop() && pending.Count > 0)
        {
            int at = rng.Next(pending.Count);
            int seed = pending[at];
            if (current.Routes[seed].RequestStops == 0) { pending.RemoveAt(at); continue; }
            var vehicles = Neighbourhood(current, seed, subRequests);
            var sub = Subproblem.Extract(ctx, current, vehicles);
            var options = new SolverOptions(host.RemainingTime, Math.Min(tuning.DecompositionIterations, host.RemainingIterations), rng.Next(), 1);
            var counter = new IterationCounter();
            var solution = new Solver(options, subTuning).Solve(sub.Problem, sub.Initial, counter, host.Cancellation);
            host.Advance(Math.Max(1, counter.Iterations));
            if (sub.WriteBack(ctx, current, solution))
            {
                best.Offer(current, current.TrueCost(ctx));
                foreach (int v in vehicles)
                    if (current.Routes[v].RequestStops > 0 && !pending.Contains(v)) pending.Add(v);
            }
            pending.Remove(seed);
            if (pending.Count == 0 && !host.Stop())
            {
                // A local optimum for this size: share it, then search with larger subproblems.
                if (host.ShareBest()) current.CopyFrom(best.State);
                subRequests = Math.Min(4 * tuning.DecompositionSubRequests, subRequests * 3 / 2);
                Refill(current, pending);
            }
        }
    }

    private static void Refill(SearchState state, List<int> pending)
    {
        pending.Clear();
        foreach (var route in state.Routes)
            if (route.RequestStops > 0) pending.Add(route.Vehicle);
    }

    /// <summary>The seed route, its nearest used routes until about <paramref name="requests"/> requests, and one unused vehicle.</summary>
    private List<int> Neighbourhood(SearchState state, int seed, int requests)
    {
        var routes = state.Routes;
        var matrix = ctx.Data.Matrix;
        var others = new List<(double Distance, int Vehicle)>();
        var unused = new List<int>();
        foreach (var route in routes)
        {
            if (route.Vehicle == seed) continue;
            if (route.RequestStops == 0) { if (ctx.VehicleOpen[route.Vehicle]) unused.Add(route.Vehicle); continue; }
            others.Add((RouteProximity.Distance(matrix, routes[seed], route), route.Vehicle));
        }
        others.Sort();
        var chosen = new List<int> { seed };
        int served = routes[seed].RequestStops / 2;
        foreach (var (_, v) in others)
        {
            if (chosen.Count >= 2 && served + routes[v].RequestStops / 2 > requests) break;
            chosen.Add(v);
            served += routes[v].RequestStops / 2;
        }
        if (unused.Count > 0) chosen.Add(unused[ctx.Random.Next(unused.Count)]);
        return chosen;
    }

    /// <summary>Takes the iteration count of a subproblem's run from its last progress report (reports are synchronous).</summary>
    private sealed class IterationCounter : IProgress<SolverProgress>
    {
        public long Iterations { get; private set; }

        public void Report(SolverProgress value) => Iterations = Math.Max(Iterations, value.Iteration);
    }
}
