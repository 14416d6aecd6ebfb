using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Carrying a prepared plan to the next plan version where the plan changes (under the engine's writer lock, so no
/// quote reads it meanwhile): only the duties of the vehicles and tasks the change names are re-prepared (their
/// requests, route, committed pairs and next locations; a new booking takes a spare request slot and, for new
/// places, spare point slots), and every pooled insertion takes over the same records and routes. A quote then finds
/// the plan current and pays nothing for the change. What this does not express falls back to a full prepare, with
/// its reason: another travel band or duty layout, a vehicle that moved (a stored fix) or whose capacity or group
/// changed, a stop event (a vehicle standing at a stop, riders boarding or alighting), a booking moved between
/// duties, and spare slots running out.
/// </summary>
internal sealed partial class PreparedPlan
{
    /// <summary>At least this many spare request slots (and twice as many point slots) per prepared plan.</summary>
    private const int MinSpareRequests = 64;

    /// <summary>A group no vehicle has: a spare request slot can never be inserted.</summary>
    private const string SpareGroup = "\u0001spare";

    /// <summary>The template's request records; a spare slot holds <see cref="_spare"/>.</summary>
    private readonly Request[] _requests;
    private readonly Request _spare;
    private readonly Dictionary<string, int> _requestOf;
    private readonly Stack<int> _free;
    private readonly RoutePlan?[] _routes;
    /// <summary>What each duty was prepared from: its tasks (one per stop), the vehicle, its arrival marker.</summary>
    private readonly TaskRecord[][] _tasksOf;
    private readonly FleetVehicle[] _vehicles;
    private readonly string?[] _arrived;

    /// <summary>Point <paramref name="i"/> of the problem.</summary>
    internal GeoPoint Point(int i) => _points[i];

    /// <summary>Duty <paramref name="v"/>'s committed route (empty when it has no stops).</summary>
    internal RoutePlan RouteFor(int v) =>
        _routes[v] ?? new RoutePlan(v, Problem.Vehicles[v].Shift.Earliest, [], Problem.Vehicles[v].Shift.Earliest);

    /// <summary>
    /// Carries the plan to the state's plan version after <paramref name="change"/>, with the usable duties
    /// <paramref name="duties"/> at clock <paramref name="now"/>. False, with the reason in
    /// <paramref name="fallback"/>, when the change needs a full prepare; the plan is then half updated and must be
    /// dropped. Call only while no quote reads the plan (under the engine's writer lock).
    /// </summary>
    public bool TryAdvance(EngineState state, Duty[] duties, PlanChange change, double now, out string? fallback)
    {
        fallback = null;
        if (Band.Generation != BandGeneration) return Fail("travel band", out fallback);
        if (duties.Length != Duties.Length) return Fail("duty layout", out fallback);
        var touched = new bool[duties.Length];
        for (int v = 0; v < duties.Length; v++)
        {
            var (was, next) = (Duties[v], duties[v]);
            if (was with { First = 0, Count = 0 } != next with { First = 0, Count = 0 }) return Fail("duty layout", out fallback);
            touched[v] = change.Vehicles.Contains(next.VehicleId);
            if (!touched[v] && (was.First != next.First || was.Count != next.Count)) return Fail("duty layout", out fallback);
        }
        foreach (var id in change.Tasks)
            if (_requestOf.TryGetValue(id, out int r) && _requests[r].PinnedVehicle is int owner) touched[owner] = true;

        var changedRequests = new List<int>();
        var changedRoutes = new List<int>();
        var addedPoints = new List<int>();
        var left = new List<string>();
        for (int v = 0; v < duties.Length; v++)
        {
            if (!touched[v]) continue;
            var duty = duties[v];
            var vehicle = state.Vehicles[duty.VehicleId];
            if (vehicle.Capacity != _vehicles[v].Capacity || vehicle.ServiceGroup != _vehicles[v].ServiceGroup)
                return Fail("vehicle capacity or group", out fallback);
            if (ProblemBuilder.StartOf(state, vehicle, duty, now).Point != StartPoints[v]) return Fail("vehicle moved", out fallback);
            var arrived = state.ArrivedAt.GetValueOrDefault(duty.VehicleId);
            if (arrived != _arrived[v] || Locked[v] is not null || StateOf(v) is { LockedStops.IsDefaultOrEmpty: false })
                return Fail("stop event", out fallback);
            var route = state.RouteOf(duty.VehicleId);
            var stops = route.AsSpan(duty.First, duty.Count);
            if (duty.Running && !stops.IsEmpty && stops[0].TaskId == arrived) return Fail("stop event", out fallback);

            var tasks = new TaskRecord[stops.Length];
            var scheduled = ImmutableArray.CreateBuilder<ScheduledStop>(stops.Length);
            var onBoard = new List<OnBoardRequest>();
            var here = new Dictionary<string, int>(stops.Length, StringComparer.Ordinal);
            for (int i = 0; i < stops.Length; i++)
            {
                if (!state.Tasks.TryGetValue(stops[i].TaskId, out var t)) return Fail("task missing", out fallback);
                tasks[i] = t;
                if (!here.TryGetValue(t.Id, out int r))
                {
                    if (_requestOf.TryGetValue(t.Id, out r))
                    {
                        if (_requests[r].PinnedVehicle != v) return Fail("booking moved between duties", out fallback);
                    }
                    else if (_free.TryPop(out r))
                    {
                        _requestOf[t.Id] = r;
                        TaskIds[r] = t.Id;
                    }
                    else return Fail("no spare request slot", out fallback);
                    int pickup = PointIndex(t.Pickup, addedPoints), delivery = PointIndex(t.Delivery, addedPoints);
                    if (pickup < 0 || delivery < 0) return Fail("no spare point slot", out fallback);
                    _requests[r] = ProblemBuilder.ToRequest(t, pickup, delivery, v, mustServe: true);
                    changedRequests.Add(r);
                    here[t.Id] = r;
                    if (t.PickedUpAt is double departed) onBoard.Add(new OnBoardRequest(r, departed));
                }
                scheduled.Add(new ScheduledStop(r, stops[i].Kind, stops[i].Arrival, stops[i].ServiceStart, stops[i].Departure));
            }
            // Riders on board are the live state the insertion context is built on: it must not have moved.
            if (!SameOnBoard(StateOf(v), onBoard)) return Fail("stop event", out fallback);
            foreach (var t in _tasksOf[v])
                if (!here.ContainsKey(t.Id)) left.Add(t.Id);
            _tasksOf[v] = tasks;
            _routes[v] = stops.IsEmpty ? null : RoutePlanOf(v, scheduled.MoveToImmutable(), stops[^1], tasks[^1]);
            changedRoutes.Add(v);
        }
        // Bookings that left their duty (cancelled, delivered) give their slot back; a booking that went to another
        // duty was refused above, so no slot is freed that a route of this change still holds.
        foreach (var id in left)
            if (_requestOf.Remove(id, out int r))
            {
                TaskIds[r] = "";
                _requests[r] = _spare;
                _free.Push(r);
                changedRequests.Add(r);
            }
        Duties = duties;
        if (changedRoutes.Count == 0) return true;
        foreach (int v in changedRoutes)
        {
            SetNext(v);
            AddCommittedPairs(v);
        }
        Problem = Problem with { Requests = ImmutableArray.Create(_requests) };
        var routes = ImmutableArray.CreateBuilder<RoutePlan>();
        foreach (var route in _routes)
            if (route is not null) routes.Add(route);
        Plan = Plan with { Routes = routes.ToImmutable() };
        foreach (var insertion in _pool) insertion.Advance(changedRequests, changedRoutes, addedPoints);
        return true;
    }

    private static bool Fail(string reason, out string? fallback)
    {
        fallback = reason;
        return false;
    }

    private VehicleState? StateOf(int v)
    {
        foreach (var s in Problem.States)
            if (s.Vehicle == v) return s;
        return null;
    }

    /// <summary>Notes what duty <paramref name="v"/> is prepared from.</summary>
    private void Remember(EngineState state, int v, Duty duty)
    {
        var stops = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
        _tasksOf[v] = new TaskRecord[stops.Length];
        for (int i = 0; i < stops.Length; i++) _tasksOf[v][i] = state.Tasks[stops[i].TaskId];
        _vehicles[v] = state.Vehicles[duty.VehicleId];
        _arrived[v] = state.ArrivedAt.GetValueOrDefault(duty.VehicleId);
    }

    private static bool SameOnBoard(VehicleState? state, List<OnBoardRequest> onBoard)
    {
        if (state is null || state.OnBoard.IsDefault) return onBoard.Count == 0;
        if (state.OnBoard.Length != onBoard.Count) return false;
        for (int i = 0; i < onBoard.Count; i++)
            if (state.OnBoard[i] != onBoard[i]) return false;
        return true;
    }

    /// <summary>The index of plan point <paramref name="p"/>, taking a spare slot if it is new; −1 when none is left.</summary>
    private int PointIndex(GeoPoint p, List<int> added)
    {
        if (_indexOf.TryGetValue(p, out int i)) return i;
        if (_pointCount == _points.Length) return -1;
        i = _pointCount++;
        _points[i] = p;
        _indexOf[p] = i;
        added.Add(i);
        return i;
    }

    /// <summary>Duty <paramref name="v"/>'s route as <see cref="ProblemBuilder"/> writes it (the insertion re-times it anyway).</summary>
    private RoutePlan RoutePlanOf(int v, ImmutableArray<ScheduledStop> stops, PlannedStop last, TaskRecord lastTask)
    {
        var vehicle = Problem.Vehicles[v];
        var at = last.Kind == StopKind.Pickup ? lastTask.Pickup : lastTask.Delivery;
        return new RoutePlan(v, vehicle.Shift.Earliest, stops, last.Departure + Band.Duration(at, _points[vehicle.EndLocation]));
    }

    /// <summary>The first stop's location (if any) and the end of duty <paramref name="v"/>.</summary>
    private void SetNext(int v)
    {
        int end = Problem.Vehicles[v].EndLocation;
        if (_routes[v] is { } route)
            foreach (var s in route.Stops)
                if (s.Kind != StopKind.Break)
                {
                    var r = _requests[s.Request];
                    _next[v] = [s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation, end];
                    return;
                }
        _next[v] = [end];
    }

    /// <summary>The committed pairs along duty <paramref name="v"/>'s route.</summary>
    private void AddCommittedPairs(int v)
    {
        var vehicle = Problem.Vehicles[v];
        int at = vehicle.StartLocation;
        if (_routes[v] is { } route)
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = _requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                _committed.Add(_points, at, next, Band);
                at = next;
            }
        _committed.Add(_points, at, vehicle.EndLocation, Band);
    }
}
