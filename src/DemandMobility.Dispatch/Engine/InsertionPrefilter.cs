using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Which plan stops can possibly lie next to a new request's pickup or drop-off, judged by time windows and
/// straight-line lower bounds on travel time alone, so that a quote tables the new points against tens of
/// stops instead of the whole plan (the time-window pruning of Jaw et al. 1986, "A heuristic algorithm for
/// the multi-vehicle advance request dial-a-ride problem with time windows", §3, with Euclidean lower bounds
/// in place of exact times).
/// </summary>
/// <remarks>
/// Bounds per route (engine seconds), valid for every feasible schedule of the same stop order with anything
/// inserted: departures never decrease along a route, so the earliest possible departure of stop i is the
/// running maximum of each stop's own earliest departure (window start, or its pickup's, plus service); the
/// service starts never decrease either, so the latest possible start of stop i is the running minimum,
/// from the end, of each stop's own latest start (pickup window end; drop-off deadline or pickup window end +
/// service + maximum ride time) and the shift end. Putting the new stop x between a and b needs
/// <c>earliestDeparture(a) + lb(a, x) ≤ latest(x)</c> and <c>earliest(x) + service(x) + lb(x, b) ≤ latest(b)</c>;
/// a position failing either is infeasible, so its travel times are never needed. The vehicle's start and end
/// points are always kept.
/// </remarks>
internal static class InsertionPrefilter
{
    /// <summary>Slack on every comparison, above the optimiser's own feasibility tolerance.</summary>
    private const double Tolerance = 1.0;

    /// <summary>
    /// Restricts <paramref name="duties"/> to the duties with at least one possible pickup and drop-off
    /// position, and returns the plan points whose travel times from (<see cref="TravelNeeds.From"/>) and to
    /// (<see cref="TravelNeeds.To"/>) the new points may be read.
    /// </summary>
    public static (List<Duty> Duties, TravelNeeds Needs) Select(
        EngineState state, IReadOnlyList<Duty> duties, TaskRecord task, double now, TravelCache cache)
    {
        var needs = new TravelNeeds();
        var vehicles = new List<Duty>(duties.Count);
        var p = task.Pickup;
        var d = task.Delivery;
        double pEarliest = task.PickupWindow.Earliest, pLatest = task.PickupWindow.Latest;
        double pService = task.PickupServiceTime, dService = task.DeliveryServiceTime;
        double dLatest = Math.Min(task.DeliveryWindow.Latest, pLatest + pService + task.MaxRideTime);
        double pOffset = cache.SnapOffset(p, remember: false), dOffset = cache.SnapOffset(d, remember: false);
        double dEarliest = Math.Max(task.DeliveryWindow.Earliest, pEarliest + pService + cache.LowerBound(p, pOffset, d, dOffset));

        double[] earliestDeparture = [], latestStart = [];
        // A duty's points are needed only when the duty is kept: the search never reads the pairs of a dropped one.
        var from = new List<GeoPoint>();
        var to = new List<GeoPoint>();
        foreach (var duty in duties)
        {
            var fv = state.Vehicles[duty.VehicleId];
            var (start, startTime) = ProblemBuilder.StartOf(state, fv, duty, now);
            var route = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
            int n = route.Length;
            if (earliestDeparture.Length < n + 2)
            {
                earliestDeparture = new double[Math.Max(n + 2, 2 * earliestDeparture.Length)];
                latestStart = new double[earliestDeparture.Length];
            }

            // Index 0 is the vehicle's start, 1..n the stops, n + 1 its end.
            earliestDeparture[0] = startTime;
            for (int i = 0; i < n; i++)
                earliestDeparture[i + 1] = Math.Max(earliestDeparture[i], OwnEarliestDeparture(state.Tasks[route[i].TaskId], route[i].Kind));
            latestStart[n + 1] = Math.Max(startTime, duty.End);
            for (int i = n - 1; i >= 0; i--)
                latestStart[i + 1] = Math.Min(latestStart[i + 2], OwnLatestStart(state.Tasks[route[i].TaskId], route[i].Kind));

            int firstPickup = -1;
            bool anyDelivery = false;
            from.Clear();
            to.Clear();
            for (int pos = 0; pos <= n; pos++)
            {
                var before = pos == 0 ? start : PointOf(state, route[pos - 1]);
                var after = pos == n ? duty.EndPoint : PointOf(state, route[pos]);
                bool pickupFits = Fits(earliestDeparture[pos], before, pos == 0, p, pOffset, pLatest, pEarliest + pService, after, latestStart[pos + 1], cache);
                bool deliveryFits = Fits(earliestDeparture[pos], before, pos == 0, d, dOffset, dLatest, dEarliest + dService, after, latestStart[pos + 1], cache);
                if (pickupFits && firstPickup < 0) firstPickup = pos;
                if (deliveryFits && firstPickup >= 0) anyDelivery = true;
                if (pickupFits || deliveryFits)
                {
                    from.Add(before);
                    to.Add(after);
                }
            }
            // A drop-off right after the pickup needs no plan stop; the pickup position itself must fit.
            if (firstPickup >= 0 && (anyDelivery || dLatest >= dEarliest - Tolerance))
            {
                vehicles.Add(duty);
                needs.From.UnionWith(from);
                needs.To.UnionWith(to);
                needs.From.Add(start);
                needs.To.Add(duty.EndPoint);
            }
        }
        return (vehicles, needs);
    }

    /// <summary>Whether new stop <paramref name="x"/> may go between <paramref name="before"/> and <paramref name="after"/>.</summary>
    private static bool Fits(double beforeDeparture, GeoPoint before, bool beforeIsStart, GeoPoint x, double xOffset, double xLatest, double xDeparture,
        GeoPoint after, double afterLatest, TravelCache cache)
    {
        // Times first: the bounds below cost a square root each.
        if (beforeDeparture > xLatest + Tolerance || xDeparture > afterLatest + Tolerance) return false;
        // A vehicle's start is its last GPS fix, a new point each time: no bound from there rather than
        // remembering every fix's snap distance.
        double beforeOffset = beforeIsStart ? double.PositiveInfinity : cache.SnapOffset(before, remember: true);
        return beforeDeparture + cache.LowerBound(before, beforeOffset, x, xOffset) <= xLatest + Tolerance
            && xDeparture + cache.LowerBound(x, xOffset, after, cache.SnapOffset(after, remember: true)) <= afterLatest + Tolerance;
    }

    private static GeoPoint PointOf(EngineState state, PlannedStop s)
    {
        var t = state.Tasks[s.TaskId];
        return s.Kind == StopKind.Pickup ? t.Pickup : t.Delivery;
    }

    private static double OwnEarliestDeparture(TaskRecord t, StopKind kind)
    {
        if (kind == StopKind.Pickup) return t.PickupWindow.Earliest + t.PickupServiceTime;
        double pickedUp = t.PickedUpAt ?? t.PickupWindow.Earliest + t.PickupServiceTime;
        return Math.Max(t.DeliveryWindow.Earliest, pickedUp) + t.DeliveryServiceTime;
    }

    private static double OwnLatestStart(TaskRecord t, StopKind kind)
    {
        if (kind == StopKind.Pickup) return t.PickupWindow.Latest;
        double pickedUp = t.PickedUpAt ?? t.PickupWindow.Latest + t.PickupServiceTime;
        return Math.Min(t.DeliveryWindow.Latest, pickedUp + t.MaxRideTime);
    }
}
