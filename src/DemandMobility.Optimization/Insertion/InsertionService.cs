using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Insertion;

/// <summary>
/// Live best insertion: evaluates every feasible position pair of one new request in every route of the
/// current plan and returns the options ranked by cost increase (cheapest first).
/// </summary>
/// <remarks>
/// Stages as in MATSim DRT: generate all (pickup, delivery) position pairs of every allowed vehicle,
/// prune by load and time slack in O(1) per pair, estimate the cost, sort, then run the exact schedule
/// (Cordeau &amp; Laporte 2003 eight-step scheme) on the cheapest candidates until enough feasible options
/// are found. With a distance/travel-time objective the estimate is the exact cost change, so the ranking
/// is exact; when ride or waiting time are weighted, the cheapest max(4·k, 32) feasible candidates by
/// estimate are re-ranked by their exact cost change.
/// </remarks>
public static class InsertionService
{
    /// <summary>
    /// Ranks the feasible insertions of request <paramref name="request"/> (an index into
    /// <see cref="Problem.Requests"/>, not yet in <paramref name="plan"/>) into the routes of <paramref name="plan"/>.
    /// Vehicles without a route in the plan are considered with an empty route. Returns at most
    /// <paramref name="maxOptions"/> options; an empty list means no feasible insertion.
    /// </summary>
    /// <exception cref="ArgumentException">The request index is invalid, the request is already planned or on
    /// board, or the plan is inconsistent with the problem (the message names the route and stop).</exception>
    public static IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions = 10)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        if ((uint)request >= (uint)problem.Requests.Length)
            throw new ArgumentOutOfRangeException(nameof(request), request, $"Not a request index (0..{problem.Requests.Length - 1}).");
        if (maxOptions <= 0) return Array.Empty<InsertionOption>();

        var data = new ProblemData(problem);
        var evaluator = new ScheduleEvaluator(data);
        var assigned = new bool[data.RequestCount];
        var routes = RouteFactory.Build(data, plan, evaluator, assigned);
        if (assigned[request] || data.OnBoardVehicle[request] >= 0)
            throw new ArgumentException($"Request {request} ('{problem.Requests[request].Id}') is already in the plan or on board.", nameof(request));

        var pairs = new PairInsertionEvaluator(data, evaluator);
        var buffer = new CandidateBuffer();
        for (int v = 0; v < routes.Length; v++)
            if (routes[v].Feasible && data.Allowed(request, v))
                pairs.Generate(routes[v], v, request, buffer);
        if (buffer.Count == 0) return Array.Empty<InsertionOption>();
        buffer.SortByCost();

        bool scheduleCost = pairs.ScheduleDependentCost;
        int wanted = scheduleCost ? Math.Max(4 * maxOptions, 32) : maxOptions;
        var found = new List<(double Cost, int Index)>(Math.Min(wanted, 64));
        for (int c = 0; c < buffer.Count && found.Count < wanted; c++)
        {
            ref var cand = ref buffer[c];
            if (pairs.TryExact(routes[cand.Route], request, cand.Pickup, cand.Delivery, out double delta))
                found.Add((delta, c));
        }
        // Stable re-rank by exact cost: ties keep the estimate order.
        found.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Index.CompareTo(b.Index));

        int count = Math.Min(maxOptions, found.Count);
        var options = new InsertionOption[count];
        for (int k = 0; k < count; k++)
        {
            var cand = buffer[found[k].Index];
            var route = routes[cand.Route];
            var seq = pairs.BuildSequence(route, request, cand.Pickup, cand.Delivery);
            evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out _);
            var planRoute = evaluator.ToPlan(route.Vehicle, seq);
            var pickupStop = planRoute.Stops[cand.Pickup];
            var deliveryStop = planRoute.Stops[cand.Delivery + 1];
            options[k] = new InsertionOption(route.Vehicle, cand.Pickup, cand.Delivery, found[k].Cost,
                pickupStop.ServiceStart, deliveryStop.ServiceStart, planRoute);
        }
        return options;
    }
}
