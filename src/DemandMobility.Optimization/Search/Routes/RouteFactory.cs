using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Builds the working routes of all vehicles from an (optional) plan and the live state. A vehicle
/// missing from the plan gets the route its state forces: locked stops, then the deliveries of requests
/// still on board. A vehicle with a break rule whose route has no break gets one at its cheapest feasible
/// empty-vehicle position. Inconsistent input is rejected with an <see cref="ArgumentException"/>.
/// </summary>
internal static class RouteFactory
{
    /// <summary>Builds one route per vehicle (index = vehicle). <paramref name="assigned"/> marks requests found in the plan or state.</summary>
    public static WorkingRoute[] Build(ProblemData data, Solution? plan, ScheduleEvaluator evaluator, bool[] assigned)
    {
        var routes = new WorkingRoute[data.VehicleCount];
        var fromPlan = new RoutePlan?[data.VehicleCount];
        if (plan is not null && !plan.Routes.IsDefault)
            foreach (var rp in plan.Routes)
            {
                if ((uint)rp.Vehicle >= (uint)data.VehicleCount)
                    throw new ArgumentException($"Plan route for vehicle {rp.Vehicle}: not a vehicle index.", nameof(plan));
                if (fromPlan[rp.Vehicle] is not null)
                    throw new ArgumentException($"Plan has two routes for vehicle {rp.Vehicle}.", nameof(plan));
                fromPlan[rp.Vehicle] = rp;
            }
        for (int v = 0; v < data.VehicleCount; v++)
        {
            routes[v] = BuildRoute(data, v, fromPlan[v], evaluator);
            MarkAssigned(data, routes[v], assigned);
        }
        for (int r = 0; r < data.RequestCount; r++)
            if (data.OnBoardVehicle[r] >= 0 && !assigned[r])
                throw new ArgumentException($"Request {r} is on board vehicle {data.OnBoardVehicle[r]} but the plan has no delivery for it.", nameof(plan));
        return routes;
    }

    /// <summary>
    /// Builds the working route of vehicle <paramref name="v"/> from its plan route (or, when null, from the
    /// state alone), places the break and updates the caches. Does not check assignment across vehicles.
    /// </summary>
    public static WorkingRoute BuildRoute(ProblemData data, int v, RoutePlan? rp, ScheduleEvaluator evaluator)
    {
        var state = data.States[v];
        var initial = LoadVector.Zero;
        int locked = state is null || state.LockedStops.IsDefault ? 0 : state.LockedStops.Length;
        if (state is not null && !state.OnBoard.IsDefault)
            foreach (var ob in state.OnBoard) initial += data.Problem.Requests[ob.Request].Load;
        var route = new WorkingRoute(v, initial, locked);
        if (rp is not null)
        {
            for (int k = 0; k < rp.Stops.Length; k++)
            {
                var s = rp.Stops[k];
                if (s.Kind != StopKind.Break && (uint)s.Request >= (uint)data.RequestCount)
                    throw new ArgumentException($"Plan route of vehicle {v}, stop {k}: request {s.Request} is not a request index.", "plan");
                if (s.Kind == StopKind.Break && !data.HasBreak[v])
                    throw new ArgumentException($"Plan route of vehicle {v}, stop {k}: a break, but the vehicle has no break rule.", "plan");
                route.Add(data.Node(v, s.Request, s.Kind));
            }
            if (locked > 0)
            {
                if (rp.Stops.Length < locked)
                    throw new ArgumentException($"Plan route of vehicle {v} is shorter than its {locked} locked stops.", "plan");
                for (int k = 0; k < locked; k++)
                {
                    var ls = state!.LockedStops[k];
                    var s = rp.Stops[k];
                    if (s.Kind != ls.Kind || (ls.Kind != StopKind.Break && s.Request != ls.Request))
                        throw new ArgumentException($"Plan route of vehicle {v}, stop {k}: differs from locked stop ({ls.Request}, {ls.Kind}).", "plan");
                }
            }
        }
        else
        {
            if (locked > 0)
                foreach (var ls in state!.LockedStops) route.Add(data.Node(v, ls.Request, ls.Kind));
            // Deliveries still owed: requests on board, and locked pickups whose delivery is not locked.
            var stops = route.Stops.ToArray();
            if (state is not null && !state.OnBoard.IsDefault)
                foreach (var ob in state.OnBoard)
                    if (!Contains(stops, ob.Request, StopKind.Delivery)) route.Add(data.Deliveries[ob.Request]);
            foreach (var s in stops)
                if (s.Kind == StopKind.Pickup && !Contains(stops, s.Request, StopKind.Delivery)) route.Add(data.Deliveries[s.Request]);
        }
        if (data.HasBreak[v] && !ContainsBreak(route)) PlaceBreak(data, route, evaluator);
        route.Update(evaluator);
        return route;
    }

    /// <summary>Marks the requests delivered on <paramref name="route"/> and checks that on-board requests appear only as deliveries on their vehicle.</summary>
    public static void MarkAssigned(ProblemData data, WorkingRoute route, bool[]? assigned)
    {
        int v = route.Vehicle;
        foreach (ref readonly var s in route.Stops)
        {
            if (s.Kind == StopKind.Break) continue;
            if (s.Kind == StopKind.Delivery && assigned is not null) assigned[s.Request] = true;
            if (data.OnBoardVehicle[s.Request] >= 0 && (data.OnBoardVehicle[s.Request] != v || s.Kind == StopKind.Pickup))
                throw new ArgumentException($"Request {s.Request} is on board vehicle {data.OnBoardVehicle[s.Request]}: only its delivery may be planned, on that vehicle (found in route of vehicle {v}).", "plan");
        }
    }

    /// <summary>Inserts the vehicle's break at the cheapest position with nobody on board that keeps the route feasible (at the end if none does).</summary>
    public static void PlaceBreak(ProblemData data, WorkingRoute route, ScheduleEvaluator evaluator)
    {
        var brk = data.Breaks[route.Vehicle];
        int n = route.Count;
        var seq = new StopNode[n + 1];
        var load = route.InitialLoad;
        int bestPos = -1;
        double bestCost = double.PositiveInfinity;
        for (int pos = route.LockedCount; pos <= n; pos++)
        {
            load = route.InitialLoad;
            for (int k = 0; k < pos; k++) load += route.Stop(k).Delta;
            if (!load.Equals(LoadVector.Zero)) continue;
            var stops = route.Stops;
            stops[..pos].CopyTo(seq);
            seq[pos] = brk;
            stops[pos..].CopyTo(seq.AsSpan(pos + 1));
            if (evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out var mtr) && mtr.Cost < bestCost)
            {
                bestCost = mtr.Cost;
                bestPos = pos;
            }
        }
        route.InsertAt(bestPos >= 0 ? bestPos : n, brk);
    }

    private static bool ContainsBreak(WorkingRoute route)
    {
        foreach (ref readonly var s in route.Stops)
            if (s.Kind == StopKind.Break) return true;
        return false;
    }

    private static bool Contains(StopNode[] stops, int request, StopKind kind)
    {
        foreach (var s in stops)
            if (s.Request == request && s.Kind == kind) return true;
        return false;
    }
}
