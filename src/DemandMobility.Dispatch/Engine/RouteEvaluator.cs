using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Schedules one vehicle's stop sequence with earliest service times and checks it: time windows, capacity,
/// ride times (Cordeau 2006, "A branch-and-cut algorithm for the dial-a-ride problem", §1 definitions:
/// ride time from the end of pickup service to the start of delivery service) and the shift end. It
/// deliberately shares no code with the optimiser, so that it can check the optimiser's answers.
/// </summary>
internal static class RouteEvaluator
{
    private const double Tolerance = 1e-6;

    /// <summary>Finds the live state of vehicle <paramref name="vehicle"/>, or null.</summary>
    public static VehicleState? StateOf(Problem problem, int vehicle)
    {
        foreach (var s in problem.States)
            if (s.Vehicle == vehicle) return s;
        return null;
    }

    /// <summary>
    /// Fills <paramref name="schedule"/> (same length as <paramref name="stops"/>) even when infeasible, so
    /// the result serves as an ETA forecast, and returns the first violation.
    /// </summary>
    public static RouteViolation Evaluate(
        Problem problem, int vehicle, VehicleState? state, ReadOnlySpan<StopRef> stops, Span<ScheduledStop> schedule,
        out double distance, out double endTime)
    {
        var v = problem.Vehicles[vehicle];
        var m = problem.Matrix;
        var violation = RouteViolation.None;
        double t = v.Shift.Earliest;
        int at = v.StartLocation;
        distance = 0;
        var load = LoadVector.Zero;
        if (state is not null)
            foreach (var ob in state.OnBoard)
                load += problem.Requests[ob.Request].Load;
        if (!load.FitsWithin(v.Capacity)) violation = RouteViolation.Capacity;

        for (int k = 0; k < stops.Length; k++)
        {
            var r = problem.Requests[stops[k].Request];
            bool pickup = stops[k].Kind == StopKind.Pickup;
            int loc = pickup ? r.PickupLocation : r.DeliveryLocation;
            var window = pickup ? r.PickupWindow : r.DeliveryWindow;
            double arrival = t + m.Duration(at, loc);
            distance += m.Distance(at, loc);
            double start = Math.Max(arrival, window.Earliest);
            double departure = start + (pickup ? r.PickupServiceTime : r.DeliveryServiceTime);
            schedule[k] = new ScheduledStop(stops[k].Request, stops[k].Kind, arrival, start, departure);
            if (start > window.Latest + Tolerance && violation == RouteViolation.None) violation = RouteViolation.LateAtStop;

            if (pickup)
            {
                load += r.Load;
                if (!load.FitsWithin(v.Capacity) && violation == RouteViolation.None) violation = RouteViolation.Capacity;
            }
            else
            {
                load -= r.Load;
                double? pickedUp = PickupDeparture(state, schedule, k, stops[k].Request);
                if (pickedUp is null)
                {
                    if (violation == RouteViolation.None) violation = RouteViolation.Precedence;
                }
                else if (start - pickedUp.Value > r.MaxRideTime + Tolerance && violation == RouteViolation.None)
                    violation = RouteViolation.RideTime;
            }
            t = departure;
            at = loc;
        }

        endTime = t + m.Duration(at, v.EndLocation);
        distance += m.Distance(at, v.EndLocation);
        if (endTime > v.Shift.Latest + Tolerance && violation == RouteViolation.None) violation = RouteViolation.ShiftEnd;
        return violation;
    }

    /// <summary>
    /// Checks a schedule as given (e.g. the optimiser's, which may delay departures to shorten rides as in
    /// Cordeau &amp; Laporte 2003) instead of computing one: every arrival reachable from the previous
    /// departure, service inside its window and not before arrival, service time respected, ride times,
    /// capacity, precedence, and the return to the depot by the shift end. Returns the first violation and
    /// the route's distance.
    /// </summary>
    public static RouteViolation Check(Problem problem, int vehicle, VehicleState? state, ReadOnlySpan<ScheduledStop> schedule, out double distance, out double endTime)
    {
        var v = problem.Vehicles[vehicle];
        var m = problem.Matrix;
        double t = v.Shift.Earliest;
        int at = v.StartLocation;
        distance = 0;
        endTime = double.PositiveInfinity;
        var load = LoadVector.Zero;
        if (state is not null)
            foreach (var ob in state.OnBoard)
                load += problem.Requests[ob.Request].Load;
        if (!load.FitsWithin(v.Capacity)) return RouteViolation.Capacity;

        for (int k = 0; k < schedule.Length; k++)
        {
            var s = schedule[k];
            if (s.Kind == StopKind.Break || (uint)s.Request >= (uint)problem.Requests.Length) return RouteViolation.Precedence;
            var r = problem.Requests[s.Request];
            bool pickup = s.Kind == StopKind.Pickup;
            int loc = pickup ? r.PickupLocation : r.DeliveryLocation;
            var window = pickup ? r.PickupWindow : r.DeliveryWindow;
            distance += m.Distance(at, loc);
            if (s.Arrival < t + m.Duration(at, loc) - Tolerance || s.ServiceStart < s.Arrival - Tolerance) return RouteViolation.LateAtStop;
            if (!window.Contains(s.ServiceStart, Tolerance)) return RouteViolation.LateAtStop;
            if (s.Departure < s.ServiceStart + (pickup ? r.PickupServiceTime : r.DeliveryServiceTime) - Tolerance) return RouteViolation.LateAtStop;
            if (pickup)
            {
                load += r.Load;
                if (!load.FitsWithin(v.Capacity)) return RouteViolation.Capacity;
            }
            else
            {
                load -= r.Load;
                double? pickedUp = null;
                for (int i = k - 1; i >= 0 && pickedUp is null; i--)
                    if (schedule[i].Request == s.Request && schedule[i].Kind == StopKind.Pickup) pickedUp = schedule[i].Departure;
                if (pickedUp is null && state is not null)
                    foreach (var ob in state.OnBoard)
                        if (ob.Request == s.Request) pickedUp = ob.PickupDepartureTime;
                if (pickedUp is null || !load.IsNonNegative) return RouteViolation.Precedence;
                if (s.ServiceStart - pickedUp.Value > r.MaxRideTime + Tolerance) return RouteViolation.RideTime;
            }
            t = s.Departure;
            at = loc;
        }
        endTime = t + m.Duration(at, v.EndLocation);
        distance += m.Distance(at, v.EndLocation);
        return endTime > v.Shift.Latest + Tolerance ? RouteViolation.ShiftEnd : RouteViolation.None;
    }

    /// <summary>Objective value of one route by the problem's weights (distance, driving time, fixed cost).</summary>
    public static double Cost(Problem p, int vehicle, double distance, double endTime, bool used)
    {
        var v = p.Vehicles[vehicle];
        return p.Weights.Distance * distance + p.Weights.TravelTime * (endTime - v.Shift.Earliest)
            + (used ? v.FixedCost * p.Weights.FixedCost : 0);
    }

    private static double? PickupDeparture(VehicleState? state, Span<ScheduledStop> schedule, int before, int request)
    {
        for (int i = before - 1; i >= 0; i--)
            if (schedule[i].Request == request && schedule[i].Kind == StopKind.Pickup) return schedule[i].Departure;
        if (state is not null)
            foreach (var ob in state.OnBoard)
                if (ob.Request == request) return ob.PickupDepartureTime;
        return null;
    }
}
