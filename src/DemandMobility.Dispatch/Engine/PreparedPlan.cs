using System.Collections.Concurrent;
using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The committed plan prepared for insertion queries: the optimiser problem over every usable duty (one optimiser
/// vehicle each, planned requests pinned to their duty, the request slot after them), the committed routes' travel
/// pairs filled before any search (<see cref="CommittedTravelPairs"/>), and a pool of <see cref="PreparedInsertion"/>s
/// (one per concurrent quote) that refresh only what depends on the quote. Valid for one travel band and duty layout;
/// when the plan version moves, <see cref="TryUpdate"/> brings it up to date in place for the duties whose routes
/// changed (a confirmation, a cancellation, a re-planned route), or says why it cannot, and
/// <see cref="PreparedPlans"/> then prepares the plan afresh. Spare request and point slots are kept for the
/// requests and points an update adds.
/// </summary>
internal sealed partial class PreparedPlan
{
    private readonly ConcurrentBag<PreparedInsertion> _pool = [];
    private readonly Dictionary<GeoPoint, int> _indexOf;
    private readonly CommittedTravelPairs _committed;
    /// <summary>The problem's points; slots from <see cref="_pointCount"/> on are spare.</summary>
    private readonly GeoPoint[] _points;
    private int _pointCount;
    private readonly int[][] _next;
    private Problem _problem;

    private PreparedPlan(EngineState state, Duty[] duties, PlanningProblem built, GeoPoint[] points, TravelCache band)
    {
        Duties = duties;
        Band = band;
        BandGeneration = band.Generation;
        Version = state.PlanVersion;
        RequestSlot = built.NewRequest;

        // Spare slots for the requests and points that in-place updates add (a confirmation adds one request, up
        // to two points); when they run out the plan is prepared afresh.
        int planned = built.Problem.Requests.Length - 1;
        int spare = Math.Max(MinSpareRequests, planned / 4);
        var dormant = built.Problem.Requests[RequestSlot] with { Id = "", MustServe = false };
        _requests = new Request[built.Problem.Requests.Length + spare];
        built.Problem.Requests.CopyTo(_requests);
        Array.Fill(_requests, dormant, planned + 1, spare);
        TaskIds = new string[_requests.Length];
        Array.Fill(TaskIds, "");
        built.TaskIds.CopyTo(TaskIds, 0);
        _requestOf = new Dictionary<string, int>(planned + spare, StringComparer.Ordinal);
        for (int r = 0; r < planned; r++) _requestOf[TaskIds[r]] = r;
        _free = new Stack<int>(spare);
        for (int r = _requests.Length - 1; r > planned; r--) _free.Push(r);
        _problem = built.Problem with { Requests = ImmutableArray.Create(_requests) };

        _points = new GeoPoint[points.Length + 2 * spare];
        points.CopyTo(_points, 0);
        _pointCount = points.Length;
        _indexOf = new Dictionary<GeoPoint, int>(_points.Length);
        for (int i = 2; i < points.Length; i++) _indexOf.TryAdd(points[i], i);

        _routes = new RoutePlan?[duties.Length];
        foreach (var route in built.Current.Routes) _routes[route.Vehicle] = route;
        _states = new VehicleState?[duties.Length];
        foreach (var s in _problem.States) _states[s.Vehicle] = s;
        _committed = CommittedTravelPairs.Of(_points, _problem, built.Current, band);
        _requestStamp = new int[_requests.Length];
        _vehicleStamp = new int[duties.Length];

        StartPoints = new GeoPoint[duties.Length];
        _next = new int[duties.Length][];
        Locked = new LockedPickup?[duties.Length];
        _routeOf = new ImmutableArray<PlannedStop>[duties.Length];
        _tasksOf = new TaskRecord[duties.Length][];
        _vehicles = new FleetVehicle[duties.Length];
        _arrived = new string?[duties.Length];
        for (int v = 0; v < duties.Length; v++)
        {
            StartPoints[v] = points[_problem.Vehicles[v].StartLocation];
            SetNext(v);
            Remember(state, v, duties[v]);
            var route = _routeOf[v].AsSpan(duties[v].First, duties[v].Count);
            if (duties[v].Running && !route.IsEmpty && route[0].Kind == StopKind.Pickup && _arrived[v] == route[0].TaskId)
            {
                int r = _requestOf[route[0].TaskId];
                Locked[v] = new LockedPickup(r, _problem.Requests[r] with { PickupWindow = state.Tasks[route[0].TaskId].PickupWindow });
            }
        }
    }

    /// <summary>The usable duties in fleet order; optimiser vehicle v is <c>Duties[v]</c>.</summary>
    public Duty[] Duties { get; private set; }

    /// <summary>The travel band the plan was prepared in, and its generation then.</summary>
    public TravelCache Band { get; }

    public int BandGeneration { get; }

    /// <summary>The engine's plan version the plan describes.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// The problem as prepared (vehicle start times of the preparing quote's clock) and updated since: the planned
    /// requests, the request slot, and spare slots serving nobody.
    /// </summary>
    public Problem Problem => _problem;

    /// <summary>The committed routes (duties without stops have none).</summary>
    public Solution Plan => new([.. _routes.OfType<RoutePlan>()], [], 0);

    /// <summary>Task id of each request index (the request slot holds "new", a spare slot "").</summary>
    public string[] TaskIds { get; }

    /// <summary>Index of the request slot the quote's request goes to.</summary>
    public int RequestSlot { get; }

    /// <summary>Where each duty's route starts (fixed for a plan: the last fix, the depot or relief point).</summary>
    public GeoPoint[] StartPoints { get; }

    /// <summary>Per duty, the pickup its vehicle stands at (its window narrows with the clock), if any.</summary>
    public LockedPickup?[] Locked { get; }

    /// <summary>The locations a duty's start leads to: its first stop (if any) and its end.</summary>
    public ReadOnlySpan<int> NextLocations(int v) => _next[v];

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
            matrixOf: p => new PointsOnly(points = p));
        // The band's kept searches follow the plan: points that left it stop costing memory and scan time.
        band.Service.KeptTable?.Retain(points);
        return new PreparedPlan(state, duties, built, points, band);
    }

    /// <summary>Whether the plan still describes <paramref name="duties"/> in <paramref name="band"/> at plan version <paramref name="version"/>.</summary>
    public bool Matches(TravelCache band, IReadOnlyList<Duty> duties, long version)
    {
        if (version != Version || !ReferenceEquals(band, Band) || band.Generation != BandGeneration || duties.Count != Duties.Length) return false;
        for (int i = 0; i < Duties.Length; i++)
            if (duties[i] != Duties[i]) return false;
        return true;
    }

    /// <summary>A prepared insertion for one quote, brought up to the plan's last update; give it back with <see cref="Return"/>.</summary>
    public PreparedInsertion Rent()
    {
        if (!_pool.TryTake(out var p))
            return new PreparedInsertion(this, new PreparedTravelMatrix(_points, _pointCount, _indexOf, _committed, Band, Duties.Length), Edits);
        p.Sync();
        return p;
    }

    public void Return(PreparedInsertion p) => _pool.Add(p);

    /// <summary>A pickup a vehicle stands at: its request, as planned before narrowing.</summary>
    internal sealed record LockedPickup(int Request, Request Original);

    /// <summary>The prepared problem's own matrix is never read: each rented insertion has its own.</summary>
    private sealed class PointsOnly(GeoPoint[] points) : ITravelMatrix
    {
        public int Count => points.Length;
        public double Duration(int from, int to) => throw new InvalidOperationException("The prepared plan's template matrix is not read.");
        public double Distance(int from, int to) => throw new InvalidOperationException("The prepared plan's template matrix is not read.");
    }
}
