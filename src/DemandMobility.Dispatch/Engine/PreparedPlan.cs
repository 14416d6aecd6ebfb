using System.Collections.Concurrent;
using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The committed plan prepared for insertion queries: the optimiser problem over every usable duty (one optimiser
/// vehicle each, planned requests pinned to their duty, spare request and point slots for bookings still to come,
/// the request slot last), the committed routes' travel pairs filled before any search
/// (<see cref="CommittedTravelPairs"/>), and a pool of <see cref="PreparedInsertion"/>s (one per concurrent quote)
/// that refresh only what depends on the quote. Prepared once per travel band and duty layout
/// (<see cref="Matches"/>) and carried from one plan version to the next where the plan changes
/// (<see cref="TryAdvance"/>, the partial file next to this one); <see cref="PreparedPlans"/> drops it when it cannot be.
/// </summary>
internal sealed partial class PreparedPlan
{
    private readonly ConcurrentBag<PreparedInsertion> _pool = [];
    private readonly Dictionary<GeoPoint, int> _indexOf;
    private readonly CommittedTravelPairs _committed;
    /// <summary>
    /// The problem's points: the request's two, the plan's, spare slots for places of bookings still to come (up to
    /// <see cref="_startSlots"/>), then one start slot per duty (where its vehicle moved to since the plan was prepared).
    /// </summary>
    private readonly GeoPoint[] _points;
    private int _pointCount;
    /// <summary>Index of duty 0's start slot; duty v's is <c>_startSlots + v</c>.</summary>
    private readonly int _startSlots;
    /// <summary>The start slots in use at each point (a vehicle that moved starts from its slot, see <see cref="TryAdvance"/>).</summary>
    private readonly Dictionary<GeoPoint, List<int>> _startsAt = [];

    private PreparedPlan(EngineState state, Duty[] duties, PlanningProblem built, GeoPoint[] points, TravelCache band)
    {
        Duties = duties;
        Band = band;
        BandGeneration = band.Generation;
        int planned = built.NewRequest;
        int spareRequests = Math.Max(MinSpareRequests, planned / 8);
        _pointCount = points.Length;
        _startSlots = points.Length + 2 * spareRequests;
        _points = new GeoPoint[_startSlots + duties.Length];
        points.CopyTo(_points, 0);
        _indexOf = new Dictionary<GeoPoint, int>(_points.Length);
        for (int i = 2; i < points.Length; i++) _indexOf.TryAdd(points[i], i);

        // Requests: the planned ones as built, then the spare slots, then the quote's slot.
        _requests = new Request[planned + spareRequests + 1];
        built.Problem.Requests.CopyTo(0, _requests, 0, planned);
        var slot = built.Problem.Requests[planned];
        var spare = slot with { Id = "", PinnedVehicle = null, MustServe = false, Group = SpareGroup };
        _free = new Stack<int>(spareRequests);
        for (int r = planned + spareRequests - 1; r >= planned; r--)
        {
            _requests[r] = spare;
            _free.Push(r);
        }
        RequestSlot = _requests.Length - 1;
        _requests[RequestSlot] = slot;
        _spare = spare;
        Problem = built.Problem with { Requests = ImmutableArray.Create(_requests), Matrix = new PointsOnly(_points.Length) };
        TaskIds = new string[_requests.Length];
        Array.Fill(TaskIds, "");
        built.TaskIds.AsSpan(0, planned).CopyTo(TaskIds);
        TaskIds[RequestSlot] = built.TaskIds[planned];
        _requestOf = new Dictionary<string, int>(planned + spareRequests, StringComparer.Ordinal);
        for (int r = 0; r < planned; r++) _requestOf[TaskIds[r]] = r;

        _routes = new RoutePlan?[duties.Length];
        foreach (var route in built.Current.Routes) _routes[route.Vehicle] = route;
        Plan = built.Current;
        _committed = CommittedTravelPairs.Of(_points, Problem, Plan, band);

        StartPoints = new GeoPoint[duties.Length];
        _next = new int[duties.Length][];
        for (int v = 0; v < duties.Length; v++) SetNext(v);
        Locked = new LockedPickup?[duties.Length];
        _tasksOf = new TaskRecord[duties.Length][];
        _kindsOf = new StopKind[duties.Length][];
        _startPairs = new int[duties.Length][];
        _vehicles = new FleetVehicle[duties.Length];
        _arrived = new string?[duties.Length];
        for (int v = 0; v < duties.Length; v++)
        {
            StartPoints[v] = _points[Problem.Vehicles[v].StartLocation];
            _startPairs[v] = [];
            Remember(state, v, duties[v]);
            var route = state.RouteOf(duties[v].VehicleId).AsSpan(duties[v].First, duties[v].Count);
            if (duties[v].Running && !route.IsEmpty && route[0].Kind == StopKind.Pickup
                && state.ArrivedAt.TryGetValue(duties[v].VehicleId, out var at) && route[0].TaskId == at)
            {
                int r = _requestOf[at];
                Locked[v] = new LockedPickup(r, Problem.Requests[r] with { PickupWindow = state.Tasks[at].PickupWindow });
            }
        }
    }

    /// <summary>The usable duties in fleet order; optimiser vehicle v is <c>Duties[v]</c>.</summary>
    public Duty[] Duties { get; private set; }

    /// <summary>The travel band the plan was prepared in, and its generation then.</summary>
    public TravelCache Band { get; }

    public int BandGeneration { get; }

    /// <summary>The problem as prepared (vehicle start times of the preparing quote's clock).</summary>
    public Problem Problem { get; private set; }

    /// <summary>The committed routes.</summary>
    public Solution Plan { get; private set; }

    /// <summary>Task id of each request index (the request slot holds the preparing quote's, a spare slot "").</summary>
    public string[] TaskIds { get; }

    /// <summary>Index of the request slot the quote's request goes to (the last request).</summary>
    public int RequestSlot { get; }

    /// <summary>Where each duty's route starts: the vehicle's last fix, the depot or relief point.</summary>
    public GeoPoint[] StartPoints { get; }

    /// <summary>Per duty, the pickup its vehicle stands at (its window narrows with the clock), if any.</summary>
    public LockedPickup?[] Locked { get; }

    /// <summary>Per duty, the locations its start leads to: its first stop (if any) and its end.</summary>
    private readonly int[][] _next;

    /// <summary>How many committed travel pairs were prepared.</summary>
    public int CommittedPairs => _committed.Count;

    /// <summary>
    /// Prepares the plan of <paramref name="duties"/> (every usable duty, in fleet order) in travel band
    /// <paramref name="band"/>; <paramref name="task"/> only fills the request slot until the first quote.
    /// </summary>
    public static PreparedPlan Build(EngineState state, Duty[] duties, TaskRecord task, double now, TravelCache band, DispatchOptions options)
    {
        GeoPoint[] points = [];
        var built = ProblemBuilder.Build(state, duties, task, now, band, options, pinPlanned: true,
            matrixOf: p => new PointsOnly((points = p).Length));
        // The band's kept searches follow the plan: points that left it stop costing memory and scan time.
        band.Service.KeptTable?.Retain(points);
        return new PreparedPlan(state, duties, built, points, band);
    }

    /// <summary>Whether the plan still describes <paramref name="duties"/> in <paramref name="band"/>.</summary>
    public bool Matches(TravelCache band, IReadOnlyList<Duty> duties)
    {
        if (!ReferenceEquals(band, Band) || band.Generation != BandGeneration || duties.Count != Duties.Length) return false;
        for (int i = 0; i < Duties.Length; i++)
            if (duties[i] != Duties[i]) return false;
        return true;
    }

    /// <summary>A prepared insertion for one quote; give it back with <see cref="Return"/>.</summary>
    public PreparedInsertion Rent() =>
        _pool.TryTake(out var p) ? p : new PreparedInsertion(this, new PreparedTravelMatrix(_points, _indexOf, _startsAt, _committed, Band));

    public void Return(PreparedInsertion p) => _pool.Add(p);

    /// <summary>A pickup a vehicle stands at: its request, as planned before narrowing.</summary>
    internal sealed record LockedPickup(int Request, Request Original);

    /// <summary>The prepared problem's own matrix is never read: each rented insertion has its own.</summary>
    private sealed class PointsOnly(int count) : ITravelMatrix
    {
        public int Count => count;
        public double Duration(int from, int to) => throw new InvalidOperationException("The prepared plan's template matrix is not read.");
        public double Distance(int from, int to) => throw new InvalidOperationException("The prepared plan's template matrix is not read.");
    }
}
