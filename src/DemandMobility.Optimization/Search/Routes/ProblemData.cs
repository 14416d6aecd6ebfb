using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Dense, flat view of a <see cref="Problem"/> built once per call: stop nodes per request, vehicle data
/// and live state. Inputs that cannot be planned (indices out of range, a request on board two vehicles)
/// are rejected here with an <see cref="ArgumentException"/> naming the field.
/// </summary>
internal sealed class ProblemData
{
    /// <summary>The problem; replaced only by <see cref="Rebase"/> with one of the same shape.</summary>
    public Problem Problem { get; private set; }
    public readonly ITravelMatrix Matrix;
    public readonly ObjectiveWeights Weights;
    public readonly int RequestCount;
    /// <summary>
    /// Length of the per-request arrays: <see cref="RequestCount"/> plus the probe slots (indices
    /// RequestCount.. ) that <see cref="DemandMobility.Optimization.Insertion.InsertionContext"/> fills with requests not in the problem.
    /// </summary>
    public readonly int SlotCount;
    public readonly int VehicleCount;
    public readonly StopNode[] Pickups;
    public readonly StopNode[] Deliveries;
    /// <summary>Vehicle that has the request on board, or −1.</summary>
    public readonly int[] OnBoardVehicle;
    /// <summary>Pinned vehicle of the request, or −1.</summary>
    public readonly int[] Pinned;
    public readonly bool[] MustServe;
    /// <summary>Compatibility group per request as a dense id (−1 = no group); see <see cref="Request.Group"/>.</summary>
    public readonly int[] RequestGroup;
    /// <summary>Compatibility group per vehicle as a dense id (−1 = no group).</summary>
    public readonly int[] VehicleGroup;
    private readonly Dictionary<string, int> _groupIds;
    public readonly VehicleState?[] States;
    public readonly StopNode[] Breaks;
    public readonly bool[] HasBreak;

    /// <param name="problem">The problem.</param>
    /// <param name="probeSlots">Extra request slots, initially serving nobody (group matches no vehicle).</param>
    public ProblemData(Problem problem, int probeSlots = 0)
    {
        Problem = problem;
        Matrix = problem.Matrix;
        Weights = problem.Weights;
        RequestCount = problem.Requests.Length;
        VehicleCount = problem.Vehicles.Length;
        SlotCount = RequestCount + probeSlots;
        Pickups = new StopNode[SlotCount];
        Deliveries = new StopNode[SlotCount];
        OnBoardVehicle = new int[SlotCount];
        Pinned = new int[SlotCount];
        MustServe = new bool[SlotCount];
        RequestGroup = new int[SlotCount];
        VehicleGroup = new int[VehicleCount];
        _groupIds = new Dictionary<string, int>(StringComparer.Ordinal);
        // Vehicle groups first, so that a request group no vehicle has gets an id no vehicle matches.
        for (int v = 0; v < VehicleCount; v++) VehicleGroup[v] = GroupId(problem.Vehicles[v].Group, add: true);
        int locations = Matrix.Count;
        for (int r = 0; r < RequestCount; r++) SetRequest(r, problem.Requests[r]);
        for (int r = RequestCount; r < SlotCount; r++)
        {
            OnBoardVehicle[r] = Pinned[r] = -1;
            RequestGroup[r] = int.MaxValue;
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

    /// <summary>
    /// Moves to <paramref name="problem"/>, which has the same matrix, live state, weights and numbers of vehicles
    /// and requests (checked by the caller): vehicles are read from <see cref="Problem"/> on every use, and each
    /// request whose record changed is re-read here, keeping its on-board data (that comes from the live state).
    /// </summary>
    public void Rebase(Problem problem)
    {
        var before = Problem.Requests;
        Problem = problem;
        for (int r = 0; r < RequestCount; r++)
        {
            if (ReferenceEquals(before[r], problem.Requests[r])) continue;
            int onBoard = OnBoardVehicle[r];
            double since = Deliveries[r].OnBoardSince;
            SetRequest(r, problem.Requests[r]);
            OnBoardVehicle[r] = onBoard;
            Deliveries[r].OnBoardSince = since;
        }
    }

    /// <summary>Whether vehicle <paramref name="v"/> may serve request <paramref name="r"/> at all.</summary>
    public bool Allowed(int r, int v) =>
        RequestGroup[r] == VehicleGroup[v]
        && (Pinned[r] < 0 || Pinned[r] == v) && (OnBoardVehicle[r] < 0 || OnBoardVehicle[r] == v);

    private int GroupId(string? group, bool add)
    {
        if (group is null) return -1;
        if (_groupIds.TryGetValue(group, out int id)) return id;
        if (!add) return int.MaxValue; // a group no vehicle has: matches nothing
        id = _groupIds.Count;
        _groupIds.Add(group, id);
        return id;
    }

    /// <summary>
    /// (Re)writes the flat data of request <paramref name="r"/> from <paramref name="q"/>; used by the
    /// constructor and by <see cref="DemandMobility.Optimization.Insertion.InsertionContext"/> for a request probed without being part of
    /// the problem. Does not touch on-board data (set from the live state).
    /// </summary>
    public void SetRequest(int r, Request q)
    {
        int locations = Matrix.Count;
        if ((uint)q.PickupLocation >= (uint)locations || (uint)q.DeliveryLocation >= (uint)locations)
            throw new ArgumentException($"Request {r} ('{q.Id}'): PickupLocation/DeliveryLocation outside the matrix (0..{locations - 1}).", "problem");
        if (q.PinnedVehicle is int pv && (uint)pv >= (uint)VehicleCount)
            throw new ArgumentException($"Request {r} ('{q.Id}'): PinnedVehicle {pv} is not a vehicle index.", "problem");
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
        RequestGroup[r] = GroupId(q.Group, add: false);
    }

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
