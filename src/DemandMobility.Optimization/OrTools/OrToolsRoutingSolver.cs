using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;
using Google.OrTools.ConstraintSolver;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Optimization.OrTools;

/// <summary>
/// The same <see cref="Problem"/> solved with Google OR-Tools' routing library instead of our search, so that results
/// can be compared on any data: pickup-delivery pairs (same vehicle, pickup first), capacities per load dimension, time
/// windows and shifts as a time dimension whose cumul is the start of service, ride-time limits and the route-duration
/// limit as constraints on cumuls, vehicle fixed costs, allowed vehicles (pins, groups), and every request as a
/// disjunction with the unserved cost; first solution by parallel cheapest insertion, then guided local search until
/// the time limit (the setup of OR-Tools' pickup-and-delivery examples).
/// </summary>
/// <remarks>
/// OR-Tools works in integers: times and costs are scaled by <see cref="Scale"/>, travel and service times rounded up
/// and windows rounded inwards, so its model is never looser than ours. The returned plan keeps OR-Tools' stop order
/// and is re-timed by our schedule evaluator; the independent validator then checks it like any other plan. Driver
/// breaks and live vehicle state are not modelled (an <see cref="ArgumentException"/> says so).
/// </remarks>
public static class OrToolsRoutingSolver
{
    private const double Scale = 100;

    /// <summary>Solves <paramref name="problem"/> within <paramref name="timeLimit"/>.</summary>
    /// <exception cref="ArgumentException">The problem uses something the OR-Tools model does not cover (the message names it).</exception>
    public static Solution Solve(Problem problem, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (!problem.States.IsDefaultOrEmpty) throw new ArgumentException("The OR-Tools backend plans ahead only: Problem.States must be empty.", nameof(problem));
        foreach (var v in problem.Vehicles)
            if (v.Break is not null) throw new ArgumentException($"The OR-Tools backend does not model driver breaks (vehicle {v.Id}).", nameof(problem));

        int vehicles = problem.Vehicles.Length, requests = problem.Requests.Length;
        // Nodes: 0..V-1 vehicle starts, V..2V-1 vehicle ends, then pickup and delivery of each request.
        int nodes = 2 * vehicles + 2 * requests;
        var location = new int[nodes];
        var service = new long[nodes];
        var windows = new (long Earliest, long Latest)[nodes];
        var loads = new LoadVector[nodes];
        double horizonSeconds = 0;
        foreach (var v in problem.Vehicles) if (double.IsFinite(v.Shift.Latest)) horizonSeconds = Math.Max(horizonSeconds, v.Shift.Latest);
        foreach (var r in problem.Requests)
            horizonSeconds = Math.Max(horizonSeconds, Math.Max(Finite(r.PickupWindow.Latest), Finite(r.DeliveryWindow.Latest)));
        long horizon = (long)Math.Ceiling(horizonSeconds * Scale) + 1;
        for (int v = 0; v < vehicles; v++)
        {
            var veh = problem.Vehicles[v];
            location[v] = veh.StartLocation;
            location[vehicles + v] = veh.EndLocation;
            windows[v] = windows[vehicles + v] = Window(veh.Shift, horizon);
        }
        for (int r = 0; r < requests; r++)
        {
            var q = problem.Requests[r];
            int p = PickupNode(vehicles, r), d = p + 1;
            location[p] = q.PickupLocation;
            location[d] = q.DeliveryLocation;
            service[p] = Up(q.PickupServiceTime);
            service[d] = Up(q.DeliveryServiceTime);
            windows[p] = Window(q.PickupWindow, horizon);
            windows[d] = Window(q.DeliveryWindow, horizon);
            loads[p] = q.Load;
            loads[d] = LoadVector.Zero - q.Load;
        }

        var starts = Enumerable.Range(0, vehicles).ToArray();
        var ends = Enumerable.Range(vehicles, vehicles).ToArray();
        var manager = new RoutingIndexManager(nodes, vehicles, starts, ends);
        var routing = new RoutingModel(manager);
        var m = problem.Matrix;
        var w = problem.Weights;
        int arcCost = routing.RegisterTransitCallback((from, to) =>
        {
            int a = location[manager.IndexToNode(from)], b = location[manager.IndexToNode(to)];
            return Up(w.Distance * m.Distance(a, b) + w.TravelTime * m.Duration(a, b));
        });
        routing.SetArcCostEvaluatorOfAllVehicles(arcCost);
        // Time: service at the node left plus the travel time; the cumul is the start of service.
        int transit = routing.RegisterTransitCallback((from, to) =>
        {
            int i = manager.IndexToNode(from), j = manager.IndexToNode(to);
            return service[i] + Up(m.Duration(location[i], location[j]));
        });
        routing.AddDimension(transit, horizon, horizon, false, "time");
        var time = routing.GetMutableDimension("time");
        for (int node = 0; node < nodes; node++)
        {
            long index = node < vehicles ? routing.Start(node) : node < 2 * vehicles ? routing.End(node - vehicles) : manager.NodeToIndex(node);
            time.CumulVar(index).SetRange(windows[node].Earliest, windows[node].Latest);
        }
        AddCapacity(routing, manager, loads, problem.Vehicles, l => l.Seats, "seats");
        AddCapacity(routing, manager, loads, problem.Vehicles, l => l.Wheelchairs, "wheelchairs");
        AddCapacity(routing, manager, loads, problem.Vehicles, l => l.ParcelUnits, "parcels");
        AddCapacity(routing, manager, loads, problem.Vehicles, l => l.Extra, "extra");

        var solver = routing.solver();
        for (int v = 0; v < vehicles; v++)
        {
            var veh = problem.Vehicles[v];
            if (veh.FixedCost > 0 && w.FixedCost > 0) routing.SetFixedCostOfVehicle(Up(veh.FixedCost * w.FixedCost), v);
            if (double.IsFinite(veh.MaxRouteDuration))
                solver.Add(time.CumulVar(routing.End(v)) - time.CumulVar(routing.Start(v)) <= Down(veh.MaxRouteDuration));
        }
        for (int r = 0; r < requests; r++)
        {
            var q = problem.Requests[r];
            long p = manager.NodeToIndex(PickupNode(vehicles, r)), d = manager.NodeToIndex(PickupNode(vehicles, r) + 1);
            routing.AddPickupAndDelivery(p, d);
            solver.Add(routing.VehicleVar(p) == routing.VehicleVar(d));
            solver.Add(time.CumulVar(p) <= time.CumulVar(d));
            if (double.IsFinite(q.MaxRideTime))
                solver.Add(time.CumulVar(d) - time.CumulVar(p) - service[PickupNode(vehicles, r)] <= Down(q.MaxRideTime));
            var allowed = new List<int>();
            for (int v = 0; v < vehicles; v++)
                if ((q.PinnedVehicle is null || q.PinnedVehicle == v) && string.Equals(q.Group, problem.Vehicles[v].Group, StringComparison.Ordinal))
                    allowed.Add(v);
            if (allowed.Count < vehicles)
            {
                // -1 stays allowed: the vehicle variable of an unperformed stop.
                var values = allowed.Select(x => (long)x).Append(-1).ToArray();
                routing.VehicleVar(p).SetValues(values);
                routing.VehicleVar(d).SetValues(values);
            }
            // One disjunction per stop, half the unserved cost each; equal active variables keep the pair together. Requests
            // that must be served get them too (at the same cost): without them the first-solution heuristic fails as a
            // whole on tight instances (DARP), and the validator reports any must-serve request left out.
            long half = Up(w.Unserved / 2);
            routing.AddDisjunction(new[] { p }, half);
            routing.AddDisjunction(new[] { d }, half);
            solver.Add(routing.ActiveVar(p) == routing.ActiveVar(d));
        }
        for (int v = 0; v < vehicles; v++)
        {
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.Start(v)));
            routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(v)));
        }

        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion;
        parameters.LocalSearchMetaheuristic = LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch;
        parameters.TimeLimit = Duration.FromTimeSpan(timeLimit);
        var assignment = routing.SolveWithParameters(parameters);
        return ToSolution(problem, routing, manager, assignment, vehicles);
    }

    private static Solution ToSolution(Problem problem, RoutingModel routing, RoutingIndexManager manager, Assignment? assignment, int vehicles)
    {
        int requests = problem.Requests.Length;
        var plans = ImmutableArray.CreateBuilder<RoutePlan>();
        var served = new bool[requests];
        if (assignment is not null)
            for (int v = 0; v < vehicles; v++)
            {
                var stops = ImmutableArray.CreateBuilder<ScheduledStop>();
                long index = assignment.Value(routing.NextVar(routing.Start(v)));
                while (!routing.IsEnd(index))
                {
                    int node = manager.IndexToNode(index) - 2 * vehicles;
                    int r = node / 2;
                    stops.Add(new ScheduledStop(r, node % 2 == 0 ? StopKind.Pickup : StopKind.Delivery, 0, 0, 0));
                    served[r] = true;
                    index = assignment.Value(routing.NextVar(index));
                }
                if (stops.Count > 0) plans.Add(new RoutePlan(v, 0, stops.ToImmutable(), 0));
            }
        // Re-time OR-Tools' stop order with our schedule evaluator (the plan's times are then exact, not scaled).
        var data = new ProblemData(problem);
        var evaluator = new ScheduleEvaluator(data);
        var order = new Solution(plans.ToImmutable(), ImmutableArray<int>.Empty, 0);
        var routes = RouteFactory.Build(data, order, evaluator, new bool[requests]);
        var timed = ImmutableArray.CreateBuilder<RoutePlan>();
        double cost = 0;
        foreach (var route in routes)
        {
            if (route.RequestStops == 0) continue;
            timed.Add(route.ToPlan(evaluator));
            cost += route.Metrics.Cost;
        }
        var unserved = Enumerable.Range(0, requests).Where(r => !served[r]).ToImmutableArray();
        cost += problem.Weights.Unserved * unserved.Length;
        return new Solution(timed.ToImmutable(), unserved, cost);
    }

    private static void AddCapacity(RoutingModel routing, RoutingIndexManager manager, LoadVector[] loads, ImmutableArray<Vehicle> fleet,
        Func<LoadVector, int> component, string name)
    {
        bool used = false;
        foreach (var l in loads) used |= component(l) != 0;
        if (!used) return;
        int callback = routing.RegisterUnaryTransitCallback(index => component(loads[manager.IndexToNode(index)]));
        routing.AddDimensionWithVehicleCapacity(callback, 0, fleet.Select(v => (long)component(v.Capacity)).ToArray(), true, name);
    }

    private static int PickupNode(int vehicles, int request) => 2 * vehicles + 2 * request;

    private static (long, long) Window(TimeWindow t, long horizon) =>
        (double.IsFinite(t.Earliest) ? Math.Max(0, (long)Math.Ceiling(t.Earliest * Scale - 1e-6)) : 0,
         double.IsFinite(t.Latest) ? Math.Min(horizon, (long)Math.Floor(t.Latest * Scale + 1e-6)) : horizon);

    private static double Finite(double x) => double.IsFinite(x) ? x : 0;

    private static long Up(double x) => (long)Math.Ceiling(x * Scale - 1e-6);

    private static long Down(double x) => (long)Math.Floor(x * Scale + 1e-6);
}
