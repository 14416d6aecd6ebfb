using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Updating a prepared plan in place when the plan version moved: only the duties whose stops or tasks changed are
/// rebuilt (their requests, route, committed pairs and next locations); every rented insertion then catches up by
/// version stamps (<see cref="PreparedInsertion.Sync"/>), re-reading only the requests and routes stamped after its
/// last sync, as the optimiser's working routes do with their stale flag. Whatever this cannot express keeps the full
/// prepare, explicitly: another duty layout or travel band, a vehicle whose capacity or group changed, a stop event of
/// a running duty (arrival, riders boarding or alighting: the live state the insertion context is built on moves),
/// and spare request or point slots running out.
/// </summary>
internal sealed partial class PreparedPlan
{
    /// <summary>At least this many spare request slots (and twice as many point slots) per prepared plan.</summary>
    private const int MinSpareRequests = 64;

    /// <summary>The template's request records; a spare slot holds a record serving nobody.</summary>
    private readonly Request[] _requests;
    private readonly Dictionary<string, int> _requestOf;
    private readonly Stack<int> _free;
    private readonly RoutePlan?[] _routes;
    private readonly VehicleState?[] _states;
    /// <summary>The update (<see cref="Edits"/>) that last changed each request record and each duty's route.</summary>
    private readonly int[] _requestStamp, _vehicleStamp;
    /// <summary>What each duty was built from: the vehicle's whole route, its tasks (one per stop), the vehicle, its arrival marker.</summary>
    private readonly ImmutableArray<PlannedStop>[] _routeOf;
    private readonly TaskRecord[][] _tasksOf;
    private readonly FleetVehicle[] _vehicles;
    private readonly string?[] _arrived;

    /// <summary>How many in-place updates changed something; an insertion synced at this count is current.</summary>
    public int Edits { get; private set; }

    /// <summary>How many points the plan has now (the first two are the quote's).</summary>
    public int PointCount => _pointCount;

    internal GeoPoint[] Points => _points;

    internal int RequestStamp(int r) => _requestStamp[r];

    internal int VehicleStamp(int v) => _vehicleStamp[v];

    internal Request RequestRecord(int r) => _requests[r];

    /// <summary>Duty <paramref name="v"/>'s committed route (empty when it has no stops).</summary>
    internal RoutePlan RouteFor(int v) =>
        _routes[v] ?? new RoutePlan(v, _problem.Vehicles[v].Shift.Earliest, [], _problem.Vehicles[v].Shift.Earliest);

    /// <summary>
    /// Brings the plan to the state's plan version for the usable duties <paramref name="duties"/>, rebuilding only
    /// the duties whose stops or tasks changed. False, with the reason in <paramref name="fallback"/>, when the change
    /// needs a full prepare; the plan is then half updated and must be dropped. Call only while no quote reads the
    /// plan: the plan version moved, so every quote of the old version has finished (quotes hold the engine's reader
    /// lock, plan changes its writer lock), and the caller serialises the updates.
    /// </summary>
    public bool TryUpdate(EngineState state, Duty[] duties, TravelCache band, out string? fallback)
    {
        fallback = null;
        if (!ReferenceEquals(band, Band) || band.Generation != BandGeneration)
            return Fail("travel band", out fallback);
        if (duties.Length != Duties.Length) return Fail("duty layout", out fallback);
        List<int>? touched = null;
        for (int v = 0; v < duties.Length; v++)
        {
            var (was, now) = (Duties[v], duties[v]);
            if (was with { First = 0, Count = 0 } != now with { First = 0, Count = 0 }) return Fail("duty layout", out fallback);
            var vehicle = state.Vehicles[now.VehicleId];
            if (!ReferenceEquals(vehicle, _vehicles[v]))
            {
                // A fix or a status change: the start is refreshed per quote; capacity and group are in the problem.
                if (vehicle.Capacity != _vehicles[v].Capacity || vehicle.ServiceGroup != _vehicles[v].ServiceGroup)
                    return Fail("vehicle capacity or group", out fallback);
                _vehicles[v] = vehicle;
            }
            state.ArrivedAt.TryGetValue(now.VehicleId, out var arrived);
            if (now.Running && arrived != _arrived[v]) return Fail("stop event", out fallback);
            _arrived[v] = arrived;
            var route = state.RouteOf(now.VehicleId);
            var stops = route.AsSpan(now.First, now.Count);
            if (route == _routeOf[v] && SameTasks(state, stops, _tasksOf[v])) continue;
            if (SameStops(_routeOf[v].AsSpan(was.First, was.Count), stops) && SameTasks(state, stops, _tasksOf[v]))
            {
                // Re-timed only (a fix or a cancellation elsewhere on the vehicle): the insertion reads no planned times.
                _routeOf[v] = route;
                continue;
            }
            (touched ??= []).Add(v);
        }
        Duties = duties;
        Version = state.PlanVersion;
        if (touched is null) return true;

        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (int v in touched)
            foreach (var t in _tasksOf[v]) before.Add(t.Id);
        var after = new HashSet<string>(StringComparer.Ordinal);
        var changed = new List<int>();
        var routes = new RoutePlan?[touched.Count];
        for (int k = 0; k < touched.Count; k++)
        {
            int v = touched[k];
            var duty = duties[v];
            var stops = state.RouteOf(duty.VehicleId).AsSpan(duty.First, duty.Count);
            if (Locked[v] is not null || duty.Running && !stops.IsEmpty && _arrived[v] == stops[0].TaskId)
                return Fail("stop event", out fallback);
            var tasks = new TaskRecord[stops.Length];
            var scheduled = ImmutableArray.CreateBuilder<ScheduledStop>(stops.Length);
            var onBoard = new List<OnBoardRequest>();
            for (int i = 0; i < stops.Length; i++)
            {
                var t = tasks[i] = state.Tasks[stops[i].TaskId];
                int r;
                if (after.Add(t.Id))
                {
                    int pickup = PointIndex(t.Pickup), delivery = PointIndex(t.Delivery);
                    if (pickup < 0 || delivery < 0) return Fail("no spare point slot", out fallback);
                    var record = ProblemBuilder.ToRequest(t, pickup, delivery, v, mustServe: true);
                    if (!_requestOf.TryGetValue(t.Id, out r))
                    {
                        if (!_free.TryPop(out r)) return Fail("no spare request slot", out fallback);
                        _requestOf[t.Id] = r;
                        TaskIds[r] = t.Id;
                        _requests[r] = record;
                        changed.Add(r);
                    }
                    else if (!_requests[r].Equals(record))
                    {
                        _requests[r] = record;
                        changed.Add(r);
                    }
                    if (t.PickedUpAt is double departed) onBoard.Add(new OnBoardRequest(r, departed));
                }
                else r = _requestOf[t.Id];
                scheduled.Add(new ScheduledStop(r, stops[i].Kind, stops[i].Arrival, stops[i].ServiceStart, stops[i].Departure));
            }
            // The live state (riders on board) is part of the insertion context: it must not have moved.
            if (!SameOnBoard(_states[v], onBoard)) return Fail("stop event", out fallback);
            _routeOf[v] = state.RouteOf(duty.VehicleId);
            _tasksOf[v] = tasks;
            routes[k] = stops.IsEmpty ? null : RoutePlanOf(v, scheduled.MoveToImmutable(), stops[^1], tasks[^1], band);
        }
        // Requests that left the touched duties free their slots for later updates (not this one: an insertion
        // catching up replaces the touched routes together, after re-reading the changed records).
        foreach (var id in before)
            if (!after.Contains(id) && _requestOf.Remove(id, out int r))
            {
                TaskIds[r] = "";
                _free.Push(r);
            }

        Edits++;
        foreach (int r in changed) _requestStamp[r] = Edits;
        for (int k = 0; k < touched.Count; k++)
        {
            int v = touched[k];
            _routes[v] = routes[k];
            _vehicleStamp[v] = Edits;
            SetNext(v);
            AddCommittedPairs(v, band);
        }
        if (changed.Count > 0) _problem = _problem with { Requests = ImmutableArray.Create(_requests) };
        return true;
    }

    private static bool Fail(string reason, out string? fallback)
    {
        fallback = reason;
        return false;
    }

    /// <summary>Notes what duty <paramref name="v"/> is built from.</summary>
    private void Remember(EngineState state, int v, Duty duty)
    {
        _routeOf[v] = state.RouteOf(duty.VehicleId);
        var stops = _routeOf[v].AsSpan(duty.First, duty.Count);
        _tasksOf[v] = new TaskRecord[stops.Length];
        for (int i = 0; i < stops.Length; i++) _tasksOf[v][i] = state.Tasks[stops[i].TaskId];
        _vehicles[v] = state.Vehicles[duty.VehicleId];
        _arrived[v] = state.ArrivedAt.GetValueOrDefault(duty.VehicleId);
    }

    private static bool SameTasks(EngineState state, ReadOnlySpan<PlannedStop> stops, TaskRecord[] tasks)
    {
        if (stops.Length != tasks.Length) return false;
        for (int i = 0; i < stops.Length; i++)
            if (!state.Tasks.TryGetValue(stops[i].TaskId, out var t) || !ReferenceEquals(t, tasks[i])) return false;
        return true;
    }

    private static bool SameStops(ReadOnlySpan<PlannedStop> a, ReadOnlySpan<PlannedStop> b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i].Kind != b[i].Kind || !string.Equals(a[i].TaskId, b[i].TaskId, StringComparison.Ordinal)) return false;
        return true;
    }

    private static bool SameOnBoard(VehicleState? state, List<OnBoardRequest> onBoard)
    {
        if (state is null) return onBoard.Count == 0;
        if (!state.LockedStops.IsDefaultOrEmpty || state.OnBoard.IsDefault || state.OnBoard.Length != onBoard.Count) return false;
        for (int i = 0; i < onBoard.Count; i++)
            if (state.OnBoard[i] != onBoard[i]) return false;
        return true;
    }

    /// <summary>The index of plan point <paramref name="p"/>, adding it in a spare slot if new; −1 when none is left.</summary>
    private int PointIndex(GeoPoint p)
    {
        if (_indexOf.TryGetValue(p, out int i)) return i;
        if (_pointCount == _points.Length) return -1;
        i = _pointCount++;
        _points[i] = p;
        _indexOf[p] = i;
        return i;
    }

    /// <summary>The route of duty <paramref name="v"/> as <see cref="ProblemBuilder"/> writes it (the insertion re-times it anyway).</summary>
    private RoutePlan RoutePlanOf(int v, ImmutableArray<ScheduledStop> stops, PlannedStop last, TaskRecord lastTask, TravelCache band)
    {
        var vehicle = _problem.Vehicles[v];
        var at = last.Kind == StopKind.Pickup ? lastTask.Pickup : lastTask.Delivery;
        return new RoutePlan(v, vehicle.Shift.Earliest, stops, last.Departure + band.Duration(at, _points[vehicle.EndLocation]));
    }

    /// <summary>The first stop's location (if any) and the end of duty <paramref name="v"/>.</summary>
    private void SetNext(int v)
    {
        int end = _problem.Vehicles[v].EndLocation;
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
    private void AddCommittedPairs(int v, TravelCache band)
    {
        var vehicle = _problem.Vehicles[v];
        int at = vehicle.StartLocation;
        if (_routes[v] is { } route)
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = _requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                _committed.Add(_points, at, next, band);
                at = next;
            }
        _committed.Add(_points, at, vehicle.EndLocation, band);
    }
}
