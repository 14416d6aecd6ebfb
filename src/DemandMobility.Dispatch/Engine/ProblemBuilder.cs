using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Turns the committed plan into an optimiser <see cref="Problem"/>: every duty (<see cref="Duty"/>) is one optimiser
/// vehicle; a running duty starts where its vehicle is now (last fix) with its riders on board as
/// <see cref="VehicleState"/>, a later one at its depot or relief point when its window opens; every planned booking or
/// parcel is a must-serve request whose promised windows are hard windows; the new request comes last.
/// </summary>
internal static class ProblemBuilder
{
    /// <summary>
    /// The problem of <paramref name="duties"/> with <paramref name="newTask"/> as its last request. Its matrix is made
    /// by <paramref name="matrixOf"/> from the problem's points (the new request's two first), by default a
    /// <see cref="PlanTravelMatrix"/> reading <paramref name="cache"/> with the new rows restricted to <paramref name="needs"/>.
    /// </summary>
    public static PlanningProblem Build(
        EngineState state, IReadOnlyList<Duty> duties, TaskRecord? newTask, double now,
        TravelCache cache, DispatchOptions options, bool pinPlanned, TravelNeeds? needs = null, PlanHorizon? horizon = null,
        Func<GeoPoint[], ITravelMatrix>? matrixOf = null)
    {
        var points = new List<GeoPoint>();
        var pointIndex = new Dictionary<GeoPoint, int>();
        int Index(GeoPoint p)
        {
            if (!pointIndex.TryGetValue(p, out int i))
            {
                i = points.Count;
                points.Add(p);
                pointIndex[p] = i;
            }
            return i;
        }
        // The new points are never shared with plan points: their matrix rows may be partial (see PlanTravelMatrix).
        if (newTask is not null)
        {
            points.Add(newTask.Pickup);
            points.Add(newTask.Delivery);
        }

        var vehicles = ImmutableArray.CreateBuilder<Vehicle>(duties.Count);
        var requests = ImmutableArray.CreateBuilder<Request>();
        var taskIds = new List<string>();
        var states = ImmutableArray.CreateBuilder<VehicleState>();
        var routes = ImmutableArray.CreateBuilder<RoutePlan>();
        var requestOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var vehicleIds = new string[duties.Count];

        for (int v = 0; v < duties.Count; v++)
        {
            var duty = duties[v];
            var fv = state.Vehicles[duty.VehicleId];
            vehicleIds[v] = fv.Id;
            var (startPoint, startTime) = StartOf(state, fv, duty, now);
            double shiftEnd = duty.End;
            var dutyRoute = ImmutableArray.Create(state.RouteOf(fv.Id), duty.First, duty.Count);
            int cut = horizon is null ? dutyRoute.Length : horizon.CutIndex(state, dutyRoute);
            var route = dutyRoute.AsSpan(0, cut);
            if (cut < dutyRoute.Length)
            {
                // The kept tail stays as planned: the vehicle must reach its first stop by that stop's planned
                // service start, so every later time of the tail still holds. The vehicle drives anyway, so
                // its fixed cost is not the solver's to save.
                var tail = dutyRoute.AsSpan(cut, dutyRoute.Length - cut).ToArray();
                horizon!.Tails[v] = tail;
                var first = tail[0];
                var firstTask = state.Tasks[first.TaskId];
                var firstPoint = first.Kind == StopKind.Pickup ? firstTask.Pickup : firstTask.Delivery;
                vehicles.Add(new Vehicle(fv.Id, Index(startPoint), Index(firstPoint),
                    new TimeWindow(startTime, Math.Max(startTime, first.ServiceStart)), fv.Capacity, 0, Group: fv.ServiceGroup));
            }
            else
            {
                vehicles.Add(new Vehicle(fv.Id, Index(startPoint), Index(duty.EndPoint),
                    new TimeWindow(startTime, Math.Max(startTime, shiftEnd)), fv.Capacity, options.VehicleFixedCost, Group: fv.ServiceGroup));
            }

            if (route.IsEmpty) continue;
            var onBoard = ImmutableArray.CreateBuilder<OnBoardRequest>();
            var scheduled = ImmutableArray.CreateBuilder<ScheduledStop>(route.Length);
            foreach (var stop in route)
            {
                if (!requestOf.TryGetValue(stop.TaskId, out int r))
                {
                    var t = state.Tasks[stop.TaskId];
                    r = requests.Count;
                    requestOf[t.Id] = r;
                    taskIds.Add(t.Id);
                    requests.Add(ToRequest(t, Index(t.Pickup), Index(t.Delivery),
                        pinPlanned || t.PickedUpAt is not null ? v : null, mustServe: true));
                    if (t.PickedUpAt is double dep) onBoard.Add(new OnBoardRequest(r, dep));
                }
                scheduled.Add(new ScheduledStop(r, stop.Kind, stop.Arrival, stop.ServiceStart, stop.Departure));
            }
            var locked = ImmutableArray<StopRef>.Empty;
            if (duty.Running && state.ArrivedAt.TryGetValue(fv.Id, out var at) && route[0].TaskId == at)
            {
                locked = [new StopRef(requestOf[at], route[0].Kind)];
                if (route[0].Kind == StopKind.Pickup) requests[requestOf[at]] = StartNoLaterThanPlanned(requests[requestOf[at]], route[0].ServiceStart, startTime);
            }
            if (onBoard.Count > 0 || !locked.IsEmpty)
                states.Add(new VehicleState(v, onBoard.ToImmutable(), locked));
            var last = route[^1];
            var lastTask = state.Tasks[last.TaskId];
            var endPoint = points[vehicles[v].EndLocation];
            double end = last.Departure + cache.Duration(last.Kind == StopKind.Pickup ? lastTask.Pickup : lastTask.Delivery, endPoint);
            routes.Add(new RoutePlan(v, startTime, scheduled.ToImmutable(), end));
        }

        int newRequest = -1;
        if (newTask is not null)
        {
            newRequest = requests.Count;
            taskIds.Add(newTask.Id);
            requests.Add(ToRequest(newTask, 0, 1, null, mustServe: false));
        }

        var matrix = matrixOf?.Invoke(points.ToArray()) ?? new PlanTravelMatrix(points.ToArray(), cache, newTask is null ? 0 : 2, needs);
        var problem = new Problem(vehicles.ToImmutable(), requests.ToImmutable(), matrix, options.Weights, states.ToImmutable());
        var current = new Solution(routes.ToImmutable(), [], 0);
        return new PlanningProblem(problem, current, taskIds.ToArray(), vehicleIds, newRequest, duties.ToArray());
    }

    /// <summary>
    /// Where and when a duty's route starts: a running duty where the vehicle is (see
    /// <see cref="StartOf(EngineState, FleetVehicle, double)"/>); a later one at its start point, at max(now, its start).
    /// </summary>
    public static (GeoPoint Point, double Time) StartOf(EngineState state, FleetVehicle v, Duty duty, double now) =>
        duty.Running ? StartOf(state, v, now) : (duty.StartPoint, Math.Max(now, duty.Start));

    /// <summary>Where and when a vehicle's remaining route starts: at its last fix if on shift, else at the depot.</summary>
    public static (GeoPoint Point, double Time) StartOf(FleetVehicle v, double now)
    {
        double shiftStart = EngineClock.ToSeconds(v.ShiftStart);
        if (v.State == VehicleShiftState.OnShift && v.LastPosition is GeoPoint p && v.LastFixAt is DateTimeOffset fix)
            return (p, Math.Max(now, EngineClock.ToSeconds(fix)));
        return (v.Depot, Math.Max(now, shiftStart));
    }

    /// <summary>
    /// Where and when a vehicle's remaining route starts, as <see cref="StartOf(FleetVehicle, double)"/>, except for a
    /// vehicle already serving the stop it reported arriving at (its first stop, where it stands, planned to start
    /// before now): that service began at its planned start, so the problem starts there and then. Starting it at
    /// now instead would describe the boarding as starting later than it did, so the solver would count the rider's
    /// ride from a later departure than the real one and could accept a plan that stretches it past its limit.
    /// </summary>
    public static (GeoPoint Point, double Time) StartOf(EngineState state, FleetVehicle v, double now)
    {
        var (point, time) = StartOf(v, now);
        if (v.State != VehicleShiftState.OnShift || v.LastFixAt is not DateTimeOffset fix
            || !state.ArrivedAt.TryGetValue(v.Id, out var taskId)) return (point, time);
        var route = state.RouteOf(v.Id);
        if (route.IsEmpty || route[0].TaskId != taskId) return (point, time);
        var task = state.Tasks[taskId];
        if ((route[0].Kind == StopKind.Pickup ? task.Pickup : task.Delivery) != point) return (point, time);
        double started = Math.Max(EngineClock.ToSeconds(fix), route[0].ServiceStart);
        return started < time ? (point, started) : (point, time);
    }

    /// <summary>
    /// The pickup of a vehicle standing at it may not start later than planned: the driver begins boarding as the
    /// manifest said when the vehicle arrived, so a re-plan that delays it (to shorten a ride, Cordeau &amp; Laporte
    /// 2003 forward slack) would describe a wait that does not happen, and the rider, already on board, would ride
    /// longer than that plan checked.
    /// </summary>
    internal static Request StartNoLaterThanPlanned(Request r, double plannedStart, double vehicleStart)
    {
        double latest = Math.Max(r.PickupWindow.Earliest, Math.Min(r.PickupWindow.Latest, Math.Max(vehicleStart, plannedStart)));
        return r with { PickupWindow = new TimeWindow(r.PickupWindow.Earliest, latest) };
    }

    internal static Request ToRequest(TaskRecord t, int pickup, int delivery, int? pinned, bool mustServe) =>
        new(t.Id, t.Kind, pickup, delivery, t.PickupWindow, t.DeliveryWindow, t.PickupServiceTime, t.DeliveryServiceTime,
            t.Load, t.MaxRideTime, pinned, mustServe, Group: t.Group);
}
