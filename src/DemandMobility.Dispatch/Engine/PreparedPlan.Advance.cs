using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Carrying a prepared plan to the next plan version where the plan changes (under the engine's writer lock, so no
/// quote reads it meanwhile). Of the duties of the vehicles and tasks the change names, one whose start point, stops
/// (task records and kinds) and arrival marker are as prepared changes nothing an insertion reads and is left alone;
/// one whose vehicle only moved (a GPS fix) gets its new start point in its own start slot, with the pairs to its
/// first stop and its end read here; one whose stops or live state changed (a booking, a cancellation, a stop event,
/// a re-optimised route) is re-prepared: its requests (a new booking takes a spare request slot and, for new places,
/// spare point slots; a booking moved between two re-prepared duties keeps its slot), its route, its riders on board
/// and locked first stop, its committed pairs and next locations. Every pooled insertion then takes over the same
/// records, live state and routes (<see cref="PreparedInsertion.Advance"/>). A quote thus finds the plan current
/// and pays nothing for the change. What this does not express falls back to a full prepare, with its reason:
/// another travel band or duty layout, a vehicle whose capacity or group changed, a booking moved from a duty this
/// change does not re-prepare, and spare slots running out.
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
    /// <summary>What each duty was prepared from: its tasks and kinds (one per stop), the vehicle, its arrival marker.</summary>
    private readonly TaskRecord[][] _tasksOf;
    private readonly StopKind[][] _kindsOf;
    private readonly FleetVehicle[] _vehicles;
    private readonly string?[] _arrived;
    /// <summary>Per duty, the locations its start slot has committed pairs to (removed when it moves again).</summary>
    private readonly int[][] _startPairs;
    /// <summary>Vehicles moved since the band's kept searches were last told the plan's points (<see cref="RetainAfterMoves"/>).</summary>
    private int _movesSinceRetain;

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

        var moved = new List<int>();
        var replanned = new List<int>();
        var replan = new bool[duties.Length];
        for (int v = 0; v < duties.Length; v++)
        {
            if (!touched[v]) continue;
            var vehicle = state.Vehicles[duties[v].VehicleId];
            if (vehicle.Capacity != _vehicles[v].Capacity || vehicle.ServiceGroup != _vehicles[v].ServiceGroup)
                return Fail("vehicle capacity or group", out fallback);
            _vehicles[v] = vehicle;
            if (ProblemBuilder.StartOf(state, vehicle, duties[v], now).Point != StartPoints[v]) moved.Add(v);
            if (!AsPrepared(state, v, duties[v]))
            {
                replan[v] = true;
                replanned.Add(v);
            }
        }
        Duties = duties;
        if (moved.Count == 0 && replanned.Count == 0) return true;

        var changedRequests = new List<int>();
        var changedPoints = new List<int>();
        var routes = new List<int>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var left = new List<string>();
        var states = new VehicleState?[duties.Length];
        foreach (int v in replanned)
        {
            var duty = duties[v];
            var stops = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
            var tasks = new TaskRecord[stops.Length];
            var kinds = new StopKind[stops.Length];
            var scheduled = ImmutableArray.CreateBuilder<ScheduledStop>(stops.Length);
            var onBoard = ImmutableArray.CreateBuilder<OnBoardRequest>();
            var here = new Dictionary<string, int>(stops.Length, StringComparer.Ordinal);
            for (int i = 0; i < stops.Length; i++)
            {
                if (!state.Tasks.TryGetValue(stops[i].TaskId, out var t)) return Fail("task missing", out fallback);
                tasks[i] = t;
                kinds[i] = stops[i].Kind;
                if (!here.TryGetValue(t.Id, out int r))
                {
                    if (!placed.Add(t.Id)) return Fail("booking on two duties", out fallback);
                    if (_requestOf.TryGetValue(t.Id, out r))
                    {
                        // A booking may move between duties only where both are re-prepared now (a re-optimised plan).
                        if (_requests[r].PinnedVehicle is int owner && owner != v && !replan[owner]) return Fail("booking moved between duties", out fallback);
                    }
                    else if (_free.TryPop(out r))
                    {
                        _requestOf[t.Id] = r;
                        TaskIds[r] = t.Id;
                    }
                    else return Fail("no spare request slot", out fallback);
                    int pickup = PointIndex(t.Pickup, changedPoints), delivery = PointIndex(t.Delivery, changedPoints);
                    if (pickup < 0 || delivery < 0) return Fail("no spare point slot", out fallback);
                    _requests[r] = ProblemBuilder.ToRequest(t, pickup, delivery, v, mustServe: true);
                    changedRequests.Add(r);
                    here[t.Id] = r;
                    if (t.PickedUpAt is double departed) onBoard.Add(new OnBoardRequest(r, departed));
                }
                scheduled.Add(new ScheduledStop(r, stops[i].Kind, stops[i].Arrival, stops[i].ServiceStart, stops[i].Departure));
            }
            // The stop the vehicle stands at is locked first (as ProblemBuilder locks it); a pickup there narrows per quote.
            var arrived = state.ArrivedAt.GetValueOrDefault(duty.VehicleId);
            var locked = ImmutableArray<StopRef>.Empty;
            Locked[v] = null;
            if (duty.Running && !stops.IsEmpty && stops[0].TaskId == arrived)
            {
                int r = here[arrived];
                locked = [new StopRef(r, stops[0].Kind)];
                if (stops[0].Kind == StopKind.Pickup) Locked[v] = new LockedPickup(r, _requests[r]);
            }
            if (onBoard.Count > 0 || !locked.IsEmpty) states[v] = new VehicleState(v, onBoard.ToImmutable(), locked);
            foreach (var t in _tasksOf[v]) left.Add(t.Id);
            _tasksOf[v] = tasks;
            _kindsOf[v] = kinds;
            _arrived[v] = arrived;
            _routes[v] = stops.IsEmpty ? null : RoutePlanOf(v, scheduled.MoveToImmutable(), stops[^1], tasks[^1]);
            routes.Add(v);
        }
        // Bookings that left the re-prepared duties (cancelled, delivered, no-show) give their slot back; one that went
        // to another re-prepared duty kept its slot above.
        foreach (var id in left)
            if (!placed.Contains(id) && _requestOf.Remove(id, out int r))
            {
                TaskIds[r] = "";
                _requests[r] = _spare;
                _free.Push(r);
                changedRequests.Add(r);
            }

        var vehicles = Problem.Vehicles.ToBuilder();
        foreach (int v in moved)
        {
            int slot = _startSlots + v;
            if (vehicles[v].StartLocation == slot && _startsAt[_points[slot]] is var before && before.Remove(slot) && before.Count == 0)
                _startsAt.Remove(_points[slot]);
            var point = ProblemBuilder.StartOf(state, _vehicles[v], duties[v], now).Point;
            _points[slot] = point;
            StartPoints[v] = point;
            if (!_startsAt.TryGetValue(point, out var slots)) _startsAt[point] = slots = [];
            slots.Add(slot);
            vehicles[v] = vehicles[v] with { StartLocation = slot };
            changedPoints.Add(slot);
        }
        foreach (int v in routes)
        {
            SetNext(v);
            AddCommittedPairs(v, vehicles[v].StartLocation);
        }
        foreach (int v in moved.Union(routes))
            if (vehicles[v].StartLocation >= _startSlots) SetStartPairs(v);
        var problem = Problem with { Requests = ImmutableArray.Create(_requests), Vehicles = vehicles.MoveToImmutable() };
        if (routes.Count > 0)
        {
            var live = ImmutableArray.CreateBuilder<VehicleState>();
            foreach (var s in Problem.States)
                if (!replan[s.Vehicle]) live.Add(s);
            foreach (var s in states)
                if (s is not null) live.Add(s);
            problem = problem with { States = live.ToImmutable() };
            var plan = ImmutableArray.CreateBuilder<RoutePlan>();
            foreach (var route in _routes)
                if (route is not null) plan.Add(route);
            Plan = Plan with { Routes = plan.ToImmutable() };
        }
        Problem = problem;
        foreach (var insertion in _pool) insertion.Advance(changedRequests, routes, changedPoints, moved);
        RetainAfterMoves(moved.Count);
        return true;
    }

    /// <summary>
    /// The band's kept searches follow the plan as <see cref="Build"/> hands them over: a quote keeps the searches of
    /// every start point it tables, so with buses reporting every few seconds the table would fill with points the
    /// plan left. Once there have been as many moves as plan points it keeps only the plan's points and the starts in
    /// use, which bounds the dead points by the live ones at a cost of one pass per that many fixes.
    /// </summary>
    private void RetainAfterMoves(int moves)
    {
        _movesSinceRetain += moves;
        if (_movesSinceRetain < _pointCount || Band.Service.KeptTable is not { } kept) return;
        _movesSinceRetain = 0;
        var live = new List<GeoPoint>(_pointCount + _startsAt.Count);
        for (int i = 2; i < _pointCount; i++) live.Add(_points[i]);
        live.AddRange(_startsAt.Keys);
        kept.Retain(live);
    }

    private static bool Fail(string reason, out string? fallback)
    {
        fallback = reason;
        return false;
    }

    /// <summary>
    /// Whether duty <paramref name="v"/>'s stops (task records and kinds) and arrival marker are those it was prepared
    /// from: then its requests, route and live state are too (riders on board and a locked first stop follow from them).
    /// </summary>
    private bool AsPrepared(EngineState state, int v, Duty duty)
    {
        if (state.ArrivedAt.GetValueOrDefault(duty.VehicleId) != _arrived[v]) return false;
        var stops = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
        var (tasks, kinds) = (_tasksOf[v], _kindsOf[v]);
        if (stops.Length != tasks.Length) return false;
        for (int i = 0; i < stops.Length; i++)
            if (stops[i].Kind != kinds[i] || !state.Tasks.TryGetValue(stops[i].TaskId, out var t) || !ReferenceEquals(t, tasks[i])) return false;
        return true;
    }

    /// <summary>Notes what duty <paramref name="v"/> is prepared from.</summary>
    private void Remember(EngineState state, int v, Duty duty)
    {
        var stops = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
        _tasksOf[v] = new TaskRecord[stops.Length];
        _kindsOf[v] = new StopKind[stops.Length];
        for (int i = 0; i < stops.Length; i++)
        {
            _tasksOf[v][i] = state.Tasks[stops[i].TaskId];
            _kindsOf[v][i] = stops[i].Kind;
        }
        _vehicles[v] = state.Vehicles[duty.VehicleId];
        _arrived[v] = state.ArrivedAt.GetValueOrDefault(duty.VehicleId);
    }

    /// <summary>The index of plan point <paramref name="p"/>, taking a spare slot if it is new; −1 when none is left.</summary>
    private int PointIndex(GeoPoint p, List<int> added)
    {
        if (_indexOf.TryGetValue(p, out int i)) return i;
        if (_pointCount == _startSlots) return -1;
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

    /// <summary>
    /// The committed pairs along duty <paramref name="v"/>'s route, starting at <paramref name="start"/>; those from a
    /// start slot are <see cref="SetStartPairs"/>'s.
    /// </summary>
    private void AddCommittedPairs(int v, int start)
    {
        int at = start;
        if (_routes[v] is { } route)
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = _requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                if (at < _startSlots) _committed.Add(_points, at, next, Band);
                at = next;
            }
        if (at < _startSlots) _committed.Add(_points, at, Problem.Vehicles[v].EndLocation, Band);
    }

    /// <summary>
    /// The committed pairs from duty <paramref name="v"/>'s start slot to its next locations, read from the band here
    /// (before any search). The slot's point changes with every move, so its earlier pairs are replaced, not kept.
    /// </summary>
    private void SetStartPairs(int v)
    {
        int slot = _startSlots + v;
        foreach (int to in _startPairs[v]) _committed.Remove(slot, to);
        _startPairs[v] = _next[v].ToArray();
        foreach (int to in _startPairs[v]) _committed.Add(_points, slot, to, Band);
    }
}
