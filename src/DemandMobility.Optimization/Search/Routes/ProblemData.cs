using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Dense, flat view of a <see cref="Problem"/> built once per call: stop nodes per request, vehicle data
/// and live state. Inputs that cannot be planned (indices out of range, a request on board two vehicles)
/// are rejected here with an <see cref="ArgumentException"/> naming the field.
/// </summary>
internal sealed class ProblemData
{
    public readonly Problem Problem;
    public readonly ITravelMatrix Matrix;
    public readonly ObjectiveWeights Weights;
    public readonly int RequestCount;
    public readonly int VehicleCount;
    public readonly StopNode[] Pickups;
    public readonly StopNode[] Deliveries;
    /// <summary>Vehicle that has the request on board, or −1.</summary>
    public readonly int[] OnBoardVehicle;
    /// <summary>Pinned vehicle of the request, or −1.</summary>
    public readonly int[] Pinned;
    public readonly bool[] MustServe;
    public readonly VehicleState?[] States;
    public readonly StopNode[] Breaks;
    public readonly bool[] HasBreak;

    public ProblemData(Problem problem)
    {
        Problem = problem;
        Matrix = problem.Matrix;
        Weights = problem.Weights;
        RequestCount = problem.Requests.Length;
        VehicleCount = problem.Vehicles.Length;
        Pickups = new StopNode[RequestCount];
        Deliveries = new StopNode[RequestCount];
        OnBoardVehicle = new int[RequestCount];
        Pinned = new int[RequestCount];
        MustServe = new bool[RequestCount];
        int locations = Matrix.Count;
        for (int r = 0; r < RequestCount; r++)
        {
            var q = problem.Requests[r];
            if ((uint)q.PickupLocation >= (uint)locations || (uint)q.DeliveryLocation >= (uint)locations)
                throw new ArgumentException($"Request {r} ('{q.Id}'): PickupLocation/DeliveryLocation outside the matrix (0..{locations - 1}).", nameof(problem));
            if (q.PinnedVehicle is int pv && (uint)pv >= (uint)VehicleCount)
                throw new ArgumentException($"Request {r} ('{q.Id}'): PinnedVehicle {pv} is not a vehicle index.", nameof(problem));
            Pickups[r] = new StopNode
            {
                Request = r, Kind = StopKind.Pickup, Location = q.PickupLocation,
                Earliest = q.PickupWindow.Earliest, Latest = q.PickupWindow.Latest,
                Service = q.PickupServiceTime, Delta = q.Load, MaxRide = double.PositiveInfinity, OnBoardSince = double.NaN,
            };
            Deliveries[r] = new StopNode
            {
                Request = r, Kind = StopKind.Delivery, Location = q.DeliveryLocation,
                Earliest = q.DeliveryWindow.Earliest, Latest = q.DeliveryWindow.Latest,
                Service = q.DeliveryServiceTime, Delta = LoadVector.Zero - q.Load, MaxRide = q.MaxRideTime, OnBoardSince = double.NaN,
            };
            OnBoardVehicle[r] = -1;
            Pinned[r] = q.PinnedVehicle ?? -1;
            MustServe[r] = q.MustServe;
        }
        States = new VehicleState?[VehicleCount];
        Breaks = new StopNode[VehicleCount];
        HasBreak = new bool[VehicleCount];
        for (int v = 0; v < VehicleCount; v++)
        {
            var veh = problem.Vehicles[v];
            if ((uint)veh.StartLocation >= (uint)locations || (uint)veh.EndLocation >= (uint)locations)
                throw new ArgumentException($"Vehicle {v} ('{veh.Id}'): StartLocation/EndLocation outside the matrix.", nameof(problem));
            if (veh.Break is { } b)
            {
                HasBreak[v] = true;
                Breaks[v] = new StopNode
                {
                    Request = -1, Kind = StopKind.Break, Location = -1, Earliest = b.EarliestStart, Latest = b.LatestStart,
                    Service = b.Duration, Delta = LoadVector.Zero, MaxRide = double.PositiveInfinity, OnBoardSince = double.NaN,
                };
            }
        }
        if (!problem.States.IsDefault)
        {
            foreach (var s in problem.States)
            {
                if ((uint)s.Vehicle >= (uint)VehicleCount)
                    throw new ArgumentException($"VehicleState.Vehicle {s.Vehicle} is not a vehicle index.", nameof(problem));
                if (States[s.Vehicle] is not null)
                    throw new ArgumentException($"Vehicle {s.Vehicle} has more than one VehicleState.", nameof(problem));
                States[s.Vehicle] = s;
                if (!s.OnBoard.IsDefault)
                    foreach (var ob in s.OnBoard)
                    {
                        if ((uint)ob.Request >= (uint)RequestCount)
                            throw new ArgumentException($"VehicleState of vehicle {s.Vehicle}: OnBoard request {ob.Request} is not a request index.", nameof(problem));
                        if (OnBoardVehicle[ob.Request] >= 0)
                            throw new ArgumentException($"Request {ob.Request} is on board two vehicles.", nameof(problem));
                        OnBoardVehicle[ob.Request] = s.Vehicle;
                        Deliveries[ob.Request].OnBoardSince = ob.PickupDepartureTime;
                    }
                if (!s.LockedStops.IsDefault)
                    foreach (var ls in s.LockedStops)
                        if (ls.Kind != StopKind.Break && (uint)ls.Request >= (uint)RequestCount)
                            throw new ArgumentException($"VehicleState of vehicle {s.Vehicle}: locked stop request {ls.Request} is not a request index.", nameof(problem));
            }
        }
    }

    /// <summary>Whether vehicle <paramref name="v"/> may serve request <paramref name="r"/> at all.</summary>
    public bool Allowed(int r, int v) =>
        (Pinned[r] < 0 || Pinned[r] == v) && (OnBoardVehicle[r] < 0 || OnBoardVehicle[r] == v);

    /// <summary>The node for one end of a request (or the vehicle's break).</summary>
    public StopNode Node(int vehicle, int request, StopKind kind) => kind switch
    {
        StopKind.Pickup => Pickups[request],
        StopKind.Delivery => Deliveries[request],
        _ => Breaks[vehicle],
    };

    /// <summary>Objective contribution of an unserved request; MustServe ones weigh far more so no search trades them.</summary>
    public double UnservedCost(int r) => MustServe[r] ? Weights.Unserved * 1e3 + 1e12 : Weights.Unserved;
}
