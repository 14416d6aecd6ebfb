using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// One quote's working copy of a <see cref="PreparedPlan"/>: an <see cref="InsertionContext"/> kept across quotes,
/// of which each quote refreshes only what depends on it: the duties' start times at its clock (and the window of a
/// pickup a vehicle stands at), the request slot, the request's rows and columns of the matrix, and the mask of the
/// duties the prefilter left. Routes whose vehicle did not change are not touched. Not thread-safe: one quote at a
/// time, rented from and returned to the plan.
/// </summary>
internal sealed class PreparedInsertion
{
    private readonly PreparedPlan _plan;
    private readonly PreparedTravelMatrix _matrix;
    private readonly InsertionContext _context;
    private readonly bool[] _mask;

    public PreparedInsertion(PreparedPlan plan, PreparedTravelMatrix matrix)
    {
        _plan = plan;
        _matrix = matrix;
        Problem = plan.Problem with { Matrix = matrix };
        _context = new InsertionContext(Problem, plan.Plan);
        _mask = new bool[plan.Duties.Length];
    }

    public PreparedPlan Plan => _plan;

    /// <summary>The problem of the last quote (the request slot is its request); valid until this insertion is returned.</summary>
    public Problem Problem { get; private set; }

    /// <summary>
    /// The insertions of <paramref name="task"/> into the duties <paramref name="selected"/> (a subsequence of the
    /// plan's duties, as the prefilter left them) at clock <paramref name="now"/>, cheapest first; the new request is
    /// <see cref="PreparedPlan.RequestSlot"/>. Null when a selected duty is not one of the plan's or a vehicle is not
    /// where the plan starts it (the caller then builds the problem afresh).
    /// </summary>
    public IReadOnlyList<InsertionOption>? Find(EngineState state, TaskRecord task, double now, IReadOnlyList<Duty> selected,
        TravelNeeds needs, int maxOptions)
    {
        if (!Refresh(state, task, now, selected)) return null;
        Table(task, needs);
        return Search(maxOptions);
    }

    /// <summary>
    /// The first step of <see cref="Find"/>: the duty mask, the start times at <paramref name="now"/>, the request
    /// slot, and the re-timing of the routes whose vehicle or request changed. False when a selected duty is not one
    /// of the plan's or a vehicle is not where the plan starts it.
    /// </summary>
    internal bool Refresh(EngineState state, TaskRecord task, double now, IReadOnlyList<Duty> selected)
    {
        var duties = _plan.Duties;
        Array.Clear(_mask);
        int j = 0;
        foreach (var d in selected)
        {
            while (j < duties.Length && duties[j] != d) j++;
            if (j == duties.Length) return false;
            _mask[j++] = true;
        }

        var current = Problem;
        ImmutableArray<Vehicle>.Builder? vehicles = null;
        ImmutableArray<Request>.Builder requests = current.Requests.ToBuilder();
        for (int v = 0; v < duties.Length; v++)
        {
            var (point, start) = ProblemBuilder.StartOf(state, state.Vehicles[duties[v].VehicleId], duties[v], now);
            // Every fix moves the plan version and is carried to the plan (PreparedPlan.TryAdvance): a vehicle elsewhere
            // than the plan says means the plan missed a change, and the quote builds its problem afresh instead.
            if (point != _plan.StartPoints[v]) return false;
            var shift = new TimeWindow(start, Math.Max(start, duties[v].End));
            int location = _plan.Problem.Vehicles[v].StartLocation;
            if (current.Vehicles[v].Shift != shift || current.Vehicles[v].StartLocation != location)
            {
                vehicles ??= current.Vehicles.ToBuilder();
                vehicles[v] = current.Vehicles[v] with { Shift = shift, StartLocation = location };
            }
            if (_plan.Locked[v] is { } locked)
            {
                // The re-timing after a fix moves the planned start of the stop the vehicle stands at.
                double planned = state.RouteOf(duties[v].VehicleId)[duties[v].First].ServiceStart;
                var narrowed = ProblemBuilder.StartNoLaterThanPlanned(locked.Original, planned, start);
                if (narrowed.PickupWindow != requests[locked.Request].PickupWindow) requests[locked.Request] = narrowed;
            }
        }
        requests[_plan.RequestSlot] = ProblemBuilder.ToRequest(task, 0, 1, null, mustServe: false);
        Problem = current with
        {
            Vehicles = vehicles?.MoveToImmutable() ?? current.Vehicles,
            Requests = requests.MoveToImmutable(),
        };
        _context.Refresh(Problem);
        return true;
    }

    /// <summary>The second step of <see cref="Find"/>: the request's rows and columns (the only router work of a quote).</summary>
    internal void Table(TaskRecord task, TravelNeeds needs) => _matrix.SetRequest(task.Pickup, task.Delivery, needs);

    /// <summary>
    /// Takes over a change of the plan (<see cref="PreparedPlan.TryAdvance"/>): its changed <paramref name="points"/>,
    /// its records of <paramref name="requests"/>, the start location of the vehicles that <paramref name="moved"/>
    /// (a new record even where the slot stayed: the first leg changed), its live state, and its routes of the duties
    /// <paramref name="vehicles"/>; the other routes keep their caches. Under the engine's writer lock, while no quote
    /// holds this insertion.
    /// </summary>
    internal void Advance(List<int> requests, List<int> vehicles, List<int> points, List<int> moved)
    {
        foreach (int i in points) _matrix.SetPoint(i, _plan.Point(i));
        var records = Problem.Requests.ToBuilder();
        foreach (int r in requests) records[r] = _plan.Problem.Requests[r];
        var starts = Problem.Vehicles;
        if (moved.Count > 0)
        {
            var builder = starts.ToBuilder();
            foreach (int v in moved) builder[v] = builder[v] with { StartLocation = _plan.Problem.Vehicles[v].StartLocation };
            starts = builder.MoveToImmutable();
        }
        Problem = Problem with { Requests = records.MoveToImmutable(), Vehicles = starts, States = _plan.Problem.States };
        if (vehicles.Count == 0) _context.Refresh(Problem);
        else _context.Refresh(Problem, vehicles.ConvertAll(_plan.RouteFor));
    }

    /// <summary>The last step of <see cref="Find"/>: the insertion search on the refreshed routes, masked to the selected duties.</summary>
    internal IReadOnlyList<InsertionOption> Search(int maxOptions) => _context.FindInsertions(_plan.RequestSlot, maxOptions, _mask);
}
