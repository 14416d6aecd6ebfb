using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Tests.Validation;

/// <summary>
/// A tiny hand-checkable problem on a line: depot at x=0, locations at x=10, 20, 30 (travel = distance).
/// Request 0 goes 10 → 20, request 1 goes 20 → 30; two vehicles of 2 seats at the depot.
/// </summary>
internal static class LineProblem
{
    public static Problem Create(
        Func<Request, int, Request>? request = null,
        Func<Vehicle, int, Vehicle>? vehicle = null,
        ImmutableArray<VehicleState>? states = null,
        ObjectiveWeights? weights = null)
    {
        var matrix = DenseTravelMatrix.Euclidean([(0, 0), (10, 0), (20, 0), (30, 0)]);
        var requests = new[]
        {
            new Request("r0", RequestKind.Passenger, 1, 2, new TimeWindow(0, 100), new TimeWindow(0, 200), 1, 1, new LoadVector(1), MaxRideTime: 50, MustServe: true),
            new Request("r1", RequestKind.Passenger, 2, 3, new TimeWindow(0, 100), new TimeWindow(0, 200), 1, 1, new LoadVector(1), MaxRideTime: 50),
        };
        var vehicles = new[]
        {
            new Vehicle("v0", 0, 0, new TimeWindow(0, 1000), new LoadVector(2), FixedCost: 0, MaxRouteDuration: 500),
            new Vehicle("v1", 0, 0, new TimeWindow(0, 1000), new LoadVector(2), FixedCost: 0, MaxRouteDuration: 500),
        };
        return new Problem(
            [.. Apply(vehicles, vehicle)],
            [.. Apply(requests, request)],
            matrix,
            weights ?? ObjectiveWeights.DistanceOnly,
            states ?? ImmutableArray<VehicleState>.Empty);
    }

    private static IEnumerable<T> Apply<T>(T[] items, Func<T, int, T>? change) =>
        change is null ? items : items.Select(change);

    /// <summary>P0 P1 D0 D1 on vehicle 0, leaving at 0: distance 60, every constraint holds.</summary>
    public static Solution Good(Problem problem) =>
        Solve(problem, Route(problem, 0, 0, (0, StopKind.Pickup), (1, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Delivery)));

    /// <summary>A solution of the given routes whose reported cost is the distance-only objective of the routes.</summary>
    public static Solution Solve(Problem problem, params RoutePlan[] routes)
    {
        var served = new HashSet<int>();
        double distance = 0;
        foreach (var route in routes)
        {
            int at = problem.Vehicles[route.Vehicle].StartLocation;
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = problem.Requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                distance += problem.Matrix.Distance(at, next);
                at = next;
                if (s.Kind == StopKind.Delivery) served.Add(s.Request);
            }
            distance += problem.Matrix.Distance(at, problem.Vehicles[route.Vehicle].EndLocation);
        }
        var unserved = Enumerable.Range(0, problem.Requests.Length).Where(r => !served.Contains(r)).ToImmutableArray();
        return new Solution([.. routes], unserved, problem.Weights.Distance * distance + problem.Weights.Unserved * unserved.Length);
    }

    /// <summary>Earliest schedule of a stop sequence (no waiting except for windows); a break is given as (-1, Break).</summary>
    public static RoutePlan Route(Problem problem, int vehicle, double start, params (int Request, StopKind Kind)[] stops)
    {
        var v = problem.Vehicles[vehicle];
        int at = v.StartLocation;
        double t = start;
        var list = ImmutableArray.CreateBuilder<ScheduledStop>();
        foreach (var (req, kind) in stops)
        {
            if (kind == StopKind.Break)
            {
                double bs = Math.Max(t, v.Break!.EarliestStart);
                list.Add(new ScheduledStop(-1, kind, t, bs, bs + v.Break.Duration));
                t = bs + v.Break.Duration;
                continue;
            }
            var r = problem.Requests[req];
            bool pickup = kind == StopKind.Pickup;
            int next = pickup ? r.PickupLocation : r.DeliveryLocation;
            double arrival = t + problem.Matrix.Duration(at, next);
            double begin = Math.Max(arrival, (pickup ? r.PickupWindow : r.DeliveryWindow).Earliest);
            double departure = begin + (pickup ? r.PickupServiceTime : r.DeliveryServiceTime);
            list.Add(new ScheduledStop(req, kind, arrival, begin, departure));
            at = next;
            t = departure;
        }
        return new RoutePlan(vehicle, start, list.ToImmutable(), t + problem.Matrix.Duration(at, v.EndLocation));
    }
}
