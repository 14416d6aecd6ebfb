using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Tests.Insertion;

/// <summary>
/// Hand-computable problems: every location is a point on a line (x coordinate), travel time = distance =
/// |x1 − x2|. Location 0 is the depot at x = 0.
/// </summary>
internal sealed class LineProblem
{
    private readonly List<double> _xs = new() { 0 };
    private readonly List<Request> _requests = new();
    private readonly List<Vehicle> _vehicles = new();
    private readonly List<VehicleState> _states = new();

    public int Location(double x)
    {
        int i = _xs.IndexOf(x);
        if (i >= 0) return i;
        _xs.Add(x);
        return _xs.Count - 1;
    }

    public int AddRequest(double fromX, double toX, TimeWindow pickup, TimeWindow delivery, LoadVector? load = null,
        double maxRide = double.PositiveInfinity, double service = 0, bool mustServe = false, int? pinned = null)
    {
        _requests.Add(new Request($"r{_requests.Count}", RequestKind.Passenger, Location(fromX), Location(toX), pickup, delivery,
            service, service, load ?? new LoadVector(1), maxRide, pinned, mustServe));
        return _requests.Count - 1;
    }

    public int AddVehicle(LoadVector capacity, double startX = 0, double shiftStart = 0, double shiftEnd = 1000,
        BreakRule? brk = null, double maxDuration = double.PositiveInfinity, double fixedCost = 0)
    {
        _vehicles.Add(new Vehicle($"v{_vehicles.Count}", Location(startX), Location(0), new TimeWindow(shiftStart, shiftEnd),
            capacity, fixedCost, maxDuration, brk));
        return _vehicles.Count - 1;
    }

    public void AddState(VehicleState state) => _states.Add(state);

    public Problem Build(ObjectiveWeights? weights = null)
    {
        var pts = _xs.Select(x => (x, 0.0)).ToList();
        return new Problem(_vehicles.ToImmutableArray(), _requests.ToImmutableArray(), DenseTravelMatrix.Euclidean(pts),
            weights ?? ObjectiveWeights.DistanceOnly, _states.ToImmutableArray());
    }

    public static TimeWindow Any => new(0, 1000);

    /// <summary>A plan with the given stop orders (schedule fields are ignored by the services).</summary>
    public static Solution Plan(params (int Vehicle, (int Request, StopKind Kind)[] Stops)[] routes) =>
        new(routes.Select(r => new RoutePlan(r.Vehicle, 0,
                r.Stops.Select(s => new ScheduledStop(s.Request, s.Kind, 0, 0, 0)).ToImmutableArray(), 0)).ToImmutableArray(),
            ImmutableArray<int>.Empty, 0);

    public static Solution EmptyPlan => new(ImmutableArray<RoutePlan>.Empty, ImmutableArray<int>.Empty, 0);

    /// <summary>Total distance of a route computed independently from the problem's coordinates.</summary>
    public static double RouteDistance(Problem p, RoutePlan route)
    {
        var v = p.Vehicles[route.Vehicle];
        int loc = v.StartLocation;
        double sum = 0;
        foreach (var s in route.Stops)
        {
            if (s.Kind == StopKind.Break) continue;
            var q = p.Requests[s.Request];
            int next = s.Kind == StopKind.Pickup ? q.PickupLocation : q.DeliveryLocation;
            sum += p.Matrix.Distance(loc, next);
            loc = next;
        }
        return sum + p.Matrix.Distance(loc, v.EndLocation);
    }
}
