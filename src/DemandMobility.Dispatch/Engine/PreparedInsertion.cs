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
    /// <see cref="PreparedPlan.RequestSlot"/>. Null when a duty no longer starts where the plan was prepared (the
    /// caller then builds the problem afresh).
    /// </summary>
    public IReadOnlyList<InsertionOption>? Find(EngineState state, TaskRecord task, double now, IReadOnlyList<Duty> selected,
        TravelNeeds needs, int maxOptions)
    {
        var duties = _plan.Duties;
        Array.Clear(_mask);
        int j = 0;
        foreach (var d in selected)
        {
            while (j < duties.Length && duties[j] != d) j++;
            if (j == duties.Length) return null;
            _mask[j++] = true;
        }

        var current = Problem;
        ImmutableArray<Vehicle>.Builder? vehicles = null;
        ImmutableArray<Request>.Builder requests = current.Requests.ToBuilder();
        for (int v = 0; v < duties.Length; v++)
        {
            var (point, start) = ProblemBuilder.StartOf(state, state.Vehicles[duties[v].VehicleId], duties[v], now);
            if (point != _plan.StartPoints[v]) return null;
            var shift = new TimeWindow(start, Math.Max(start, duties[v].End));
            if (current.Vehicles[v].Shift != shift)
            {
                vehicles ??= current.Vehicles.ToBuilder();
                vehicles[v] = current.Vehicles[v] with { Shift = shift };
            }
            if (_plan.Locked[v] is { } locked)
            {
                var narrowed = ProblemBuilder.StartNoLaterThanPlanned(locked.Original, locked.PlannedStart, start);
                if (narrowed.PickupWindow != requests[locked.Request].PickupWindow) requests[locked.Request] = narrowed;
            }
        }
        requests[_plan.RequestSlot] = ProblemBuilder.ToRequest(task, 0, 1, null, mustServe: false);
        Problem = current with
        {
            Vehicles = vehicles?.MoveToImmutable() ?? current.Vehicles,
            Requests = requests.MoveToImmutable(),
        };
        _matrix.SetRequest(task.Pickup, task.Delivery, needs);
        _context.Refresh(Problem);
        return _context.FindInsertions(_plan.RequestSlot, maxOptions, _mask);
    }
}
