using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Reference insertion: tries every (pickup, delivery) position pair in every route and re-schedules the
/// whole route for each (O(n³) per vehicle). Slow but obviously correct; used as a cross-check of the
/// optimiser and in tests. Position convention as in <see cref="InsertionOption"/>.
/// </summary>
public sealed class ExhaustiveInsertionStrategy : IInsertionStrategy
{
    /// <inheritdoc />
    public IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions)
    {
        var req = problem.Requests[request];
        var found = new List<InsertionOption>();
        for (int v = 0; v < problem.Vehicles.Length; v++)
        {
            if (req.PinnedVehicle is int pinned && pinned != v) continue;
            var vehicle = problem.Vehicles[v];
            if (!string.Equals(vehicle.Group, req.Group, StringComparison.Ordinal)) continue;
            RoutePlan? route = null;
            foreach (var r in plan.Routes)
                if (r.Vehicle == v) { route = r; break; }
            var existing = new List<StopRef>();
            if (route is not null)
                foreach (var s in route.Stops)
                    if (s.Kind != StopKind.Break) existing.Add(new StopRef(s.Request, s.Kind));
            var state = RouteEvaluator.StateOf(problem, v);
            int locked = state?.LockedStops.Length ?? 0;
            int n = existing.Count;

            var schedule = new ScheduledStop[n + 2];
            if (RouteEvaluator.Evaluate(problem, v, state, existing.ToArray(), schedule.AsSpan(0, n), out double oldDistance, out double oldEnd) != RouteViolation.None)
                continue; // a late vehicle cannot promise anything new
            double oldCost = RouteEvaluator.Cost(problem, v, oldDistance, oldEnd, n > 0);

            var candidate = new StopRef[n + 2];
            for (int i = locked; i <= n; i++)
                for (int j = i; j <= n; j++)
                {
                    int k = 0;
                    for (int a = 0; a < i; a++) candidate[k++] = existing[a];
                    candidate[k++] = new StopRef(request, StopKind.Pickup);
                    for (int a = i; a < j; a++) candidate[k++] = existing[a];
                    candidate[k++] = new StopRef(request, StopKind.Delivery);
                    for (int a = j; a < n; a++) candidate[k++] = existing[a];
                    if (RouteEvaluator.Evaluate(problem, v, state, candidate, schedule, out double dist, out double end) != RouteViolation.None)
                        continue;
                    double delta = RouteEvaluator.Cost(problem, v, dist, end, true) - oldCost;
                    var stops = schedule.ToImmutableArray();
                    found.Add(new InsertionOption(v, i, j, delta, schedule[i].ServiceStart, schedule[j + 1].ServiceStart,
                        new RoutePlan(v, vehicle.Shift.Earliest, stops, end)));
                }
        }
        found.Sort((a, b) => a.CostDelta != b.CostDelta ? a.CostDelta.CompareTo(b.CostDelta) : a.PickupTime.CompareTo(b.PickupTime));
        return found.Count > maxOptions ? found.GetRange(0, maxOptions) : found;
    }
}
