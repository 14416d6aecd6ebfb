using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Subproblems;

/// <summary>
/// A few routes of a solution cut out as a problem of their own (their vehicles and the requests they serve, the same
/// matrix and weights), with those routes as its warm start; and the write-back of a better plan of it.
/// </summary>
/// <remarks>
/// Only for a static problem without pins: a pinned vehicle index or a live state would have to be renumbered, and the
/// decomposition phase does not apply there (<see cref="Phases.Decomposition.Applies"/>). The objective is a sum over
/// routes, so a cheaper plan of the subproblem that serves all its requests makes the whole solution cheaper by exactly
/// the difference.
/// </remarks>
internal sealed class Subproblem
{
    private Subproblem(int[] vehicles, int[] requests, Problem problem, Solution initial, double cost)
    {
        Vehicles = vehicles; Requests = requests; Problem = problem; Initial = initial; Cost = cost;
    }

    /// <summary>Vehicle of the whole problem behind each subproblem vehicle.</summary>
    public int[] Vehicles { get; }

    /// <summary>Request of the whole problem behind each subproblem request.</summary>
    public int[] Requests { get; }

    /// <summary>The subproblem.</summary>
    public Problem Problem { get; }

    /// <summary>The routes as they are in the solution, renumbered (the warm start).</summary>
    public Solution Initial { get; }

    /// <summary>What the routes cost in the solution now.</summary>
    public double Cost { get; }

    /// <summary>Cuts the routes of <paramref name="vehicles"/> out of <paramref name="state"/>.</summary>
    public static Subproblem Extract(SearchContext ctx, SearchState state, IReadOnlyList<int> vehicles)
    {
        var problem = ctx.Data.Problem;
        var subVehicles = new int[vehicles.Count];
        var requests = new List<int>();
        var local = new Dictionary<int, int>();
        double cost = 0;
        var plans = ImmutableArray.CreateBuilder<RoutePlan>(vehicles.Count);
        for (int i = 0; i < vehicles.Count; i++)
        {
            int v = vehicles[i];
            subVehicles[i] = v;
            var route = state.Routes[v];
            cost += route.Metrics.Cost;
            // The route's own schedule, renumbered, so that the warm start is a complete valid plan of the subproblem.
            var plan = route.ToPlan(ctx.Evaluator);
            var stops = ImmutableArray.CreateBuilder<ScheduledStop>(plan.Stops.Length);
            foreach (var s in plan.Stops)
            {
                int r = -1;
                if (s.Kind != StopKind.Break && !local.TryGetValue(s.Request, out r))
                {
                    r = requests.Count;
                    local.Add(s.Request, r);
                    requests.Add(s.Request);
                }
                stops.Add(s with { Request = r });
            }
            plans.Add(plan with { Vehicle = i, Stops = stops.MoveToImmutable() });
        }
        var sub = new Problem(
            subVehicles.Select(v => problem.Vehicles[v]).ToImmutableArray(),
            requests.Select(r => problem.Requests[r]).ToImmutableArray(),
            problem.Matrix, problem.Weights);
        return new Subproblem(subVehicles, requests.ToArray(), sub, new Solution(plans.MoveToImmutable(), ImmutableArray<int>.Empty, cost), cost);
    }

    /// <summary>
    /// Writes <paramref name="improved"/> (a plan of the subproblem) back into <paramref name="state"/> when it serves every
    /// request of the subproblem, is feasible in the whole problem and is cheaper than the routes it replaces; leaves
    /// <paramref name="state"/> unchanged otherwise.
    /// </summary>
    /// <returns>True when the routes were replaced.</returns>
    public bool WriteBack(SearchContext ctx, SearchState state, Solution improved)
    {
        if (improved.Unserved.Length > 0 || !(improved.Cost < Cost - 1e-9)) return false;
        var data = ctx.Data;
        var byVehicle = new RoutePlan?[Vehicles.Length];
        foreach (var plan in improved.Routes)
        {
            if ((uint)plan.Vehicle >= (uint)Vehicles.Length || byVehicle[plan.Vehicle] is not null) return false;
            byVehicle[plan.Vehicle] = plan;
        }
        var saved = new StopNode[Vehicles.Length][];
        for (int i = 0; i < Vehicles.Length; i++) saved[i] = state.Routes[Vehicles[i]].Stops.ToArray();
        double cost = 0;
        bool ok = true;
        var served = new HashSet<int>();
        for (int i = 0; i < Vehicles.Length && ok; i++)
        {
            int v = Vehicles[i];
            var stops = new List<StopNode>();
            if (byVehicle[i] is { } plan)
                foreach (var s in plan.Stops)
                {
                    if (s.Kind == StopKind.Break) { stops.Add(data.Breaks[v]); continue; }
                    if ((uint)s.Request >= (uint)Requests.Length) { ok = false; break; }
                    int r = Requests[s.Request];
                    if (s.Kind == StopKind.Delivery && !served.Add(r)) ok = false;
                    stops.Add(s.Kind == StopKind.Pickup ? data.Pickups[r] : data.Deliveries[r]);
                }
            var route = state.Routes[v];
            route.SetStops(stops.ToArray());
            route.Update(ctx.Evaluator);
            ok &= route.Feasible;
            cost += route.Metrics.Cost;
        }
        if (!ok || served.Count != Requests.Length || !(cost < Cost - 1e-9))
        {
            for (int i = 0; i < Vehicles.Length; i++)
            {
                var route = state.Routes[Vehicles[i]];
                route.SetStops(saved[i]);
                route.Update(ctx.Evaluator);
            }
            return false;
        }
        foreach (int v in Vehicles)
            foreach (ref readonly var s in state.Routes[v].Stops)
                if (s.Kind != StopKind.Break) state.RouteOf[s.Request] = v;
        return true;
    }
}
