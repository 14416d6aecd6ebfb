using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The planning operations every decider shares: placing a new task on a duty (insertion checked by
/// <see cref="RouteEvaluator"/>), re-timing a route from the vehicle's latest position, forecasting it between fixes,
/// and the small route queries around them. Reads the engine state, never changes it.
/// </summary>
internal sealed class RoutePlanner(EngineContext context)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private readonly IInsertionStrategy _insertion = context.Insertion;

    /// <summary>The plans prepared for the optimiser's insertion; null for another strategy, which gets a problem per quote.</summary>
    private readonly PreparedPlans? _prepared = context.Insertion is OptimizerInsertionStrategy ? new PreparedPlans(context.State, context.Options) : null;

    /// <summary>The engine's prepared plans, if its insertion uses them (for tests and diagnostics).</summary>
    internal PreparedPlans? Prepared => _prepared;

    private const int MaxInsertionOptions = 8;

    /// <summary>
    /// Every usable duty (running, or starting later, see <see cref="DutyPlanner"/>) in fleet order: the layout a
    /// prepared plan is kept for, and the duties a quote chooses from.
    /// </summary>
    internal Duty[] UsableDuties(double now)
    {
        var result = new List<Duty>(_state.VehicleOrder.Count);
        foreach (var id in _state.VehicleOrder)
            foreach (var d in DutyPlanner.Of(_state, _state.Vehicles[id], now, _options))
                if (d.Usable) result.Add(d);
        return result.ToArray();
    }

    /// <summary>
    /// Duties of <paramref name="usable"/> that can still cover the task: starting no later than the pickup window's
    /// end and ending after its start (and after now unless running), on a vehicle that can carry the load. The
    /// problem is restricted to them, which keeps quotes fast when the fleet and the booking book are large; a vehicle
    /// whose shift ended, that broke down, or whose shift never started gets no new work.
    /// </summary>
    internal List<Duty> EligibleDuties(Duty[] usable, TaskRecord task, double now, string? exceptVehicle = null, string? onlyVehicle = null)
    {
        var result = new List<Duty>();
        double from = task.PickupWindow.Earliest;
        double to = Math.Min(task.PickupWindow.Latest, task.DeliveryWindow.Latest);
        foreach (var d in usable)
        {
            if (d.VehicleId == exceptVehicle || onlyVehicle is not null && d.VehicleId != onlyVehicle) continue;
            if (!task.Load.FitsWithin(_state.Vehicles[d.VehicleId].Capacity)) continue;
            if (d.End <= from || d.Start > to) continue;
            if (!d.Running && d.End <= now) continue;
            result.Add(d);
        }
        return result;
    }

    /// <summary>
    /// Places <paramref name="task"/> on the cheapest duty where the insertion strategy finds a place that the
    /// independent <see cref="RouteEvaluator"/> confirms keeps every promise on that duty. The chosen duty's new stops
    /// replace its slice of the vehicle's route; the vehicle's other duties stay as they are.
    /// The whole problem is planned with the travel times of the task's time-of-day band (its earliest pickup):
    /// one band per quote keeps the matrix consistent and cheap. Re-timings after fixes and stop events use the
    /// engine's base (free-flow) times; they never move a planned pickup earlier, so the quoted window holds.
    /// With the optimiser's insertion the search runs on the plan prepared once per plan version and band
    /// (<see cref="PreparedPlans"/>), refreshing only what depends on the quote; another strategy gets a problem
    /// built for the quote. Both give the same answer.
    /// </summary>
    internal InsertionChoice? TryInsert(TaskRecord task, double now, string? exceptVehicle = null, string? onlyVehicle = null)
    {
        var usable = UsableDuties(now);
        var eligible = EligibleDuties(usable, task, now, exceptVehicle, onlyVehicle);
        if (eligible.Count == 0) return null;
        var travel = TravelFor(task, now);
        var (duties, needs) = InsertionPrefilter.Select(_state, eligible, task, now, travel);
        if (duties.Count == 0) return null;
        if (_prepared is not null)
        {
            var plan = _prepared.For(usable, travel, task, now);
            var insertion = plan.Rent();
            bool intact = false;
            try
            {
                var found = insertion.Find(_state, task, now, duties, needs, MaxInsertionOptions);
                intact = true;
                if (found is not null) return Choose(insertion.Problem, found, plan.TaskIds, plan.RequestSlot, plan.Duties, task.Id);
            }
            finally
            {
                // A search that threw may have left the insertion half refreshed: it is dropped, not reused.
                if (intact) plan.Return(insertion);
            }
        }
        var pp = ProblemBuilder.Build(_state, duties, task, now, travel, _options, pinPlanned: true, needs);
        var options = _insertion.FindInsertions(pp.Problem, pp.Current, pp.NewRequest, MaxInsertionOptions);
        return Choose(pp.Problem, options, pp.TaskIds, pp.NewRequest, pp.Duties, task.Id);
    }

    /// <summary>
    /// Carries the prepared plans (<see cref="PreparedPlans.Advance"/>) over the events just applied, so that no quote
    /// pays for the change. Called where the engine applies events, under its writer lock.
    /// </summary>
    internal void PlanChanged(IEnumerable<StateDelta> deltas, double now) =>
        _prepared?.Advance(PlanChange.Of(deltas), () => UsableDuties(now), now);

    /// <summary>The first of <paramref name="options"/> (cheapest first) that <see cref="RouteEvaluator"/> confirms, as the duty's new route.</summary>
    private InsertionChoice? Choose(Problem problem, IReadOnlyList<InsertionOption> options, string[] taskIds, int newRequest,
        Duty[] duties, string taskId)
    {
        foreach (var o in options)
        {
            var stops = new StopRef[o.Route.Stops.Length];
            int n = 0;
            foreach (var s in o.Route.Stops)
                if (s.Kind != StopKind.Break) stops[n++] = new StopRef(s.Request, s.Kind);
            // Prefer the strategy's own schedule (it may delay departures to keep rides short) once checked;
            // otherwise fall back to the earliest-start schedule if that one is feasible.
            var state = RouteEvaluator.StateOf(problem, o.Vehicle);
            var schedule = new ScheduledStop[n];
            int g = 0;
            foreach (var s in o.Route.Stops)
                if (s.Kind != StopKind.Break) schedule[g++] = s;
            if (g != n || RouteEvaluator.Check(problem, o.Vehicle, state, schedule, out _, out _) != RouteViolation.None)
            {
                var violation = RouteEvaluator.Evaluate(problem, o.Vehicle, state, stops.AsSpan(0, n), schedule, out _, out _);
                if (violation != RouteViolation.None) continue;
            }
            double pickup = 0, delivery = 0;
            var route = new PlannedStop[n];
            for (int i = 0; i < n; i++)
            {
                var s = schedule[i];
                route[i] = new PlannedStop(s.Request == newRequest ? taskId : taskIds[s.Request], s.Kind, s.Arrival, s.ServiceStart, s.Departure);
                if (s.Request == newRequest)
                {
                    if (s.Kind == StopKind.Pickup) pickup = s.ServiceStart;
                    else delivery = s.ServiceStart;
                }
            }
            var duty = duties[o.Vehicle];
            return new InsertionChoice(duty.VehicleId, WithDutyRoute(duty, route), pickup, delivery);
        }
        return null;
    }

    /// <summary>Travel times of the band in which <paramref name="task"/>'s pickup starts (not before now).</summary>
    internal TravelCache TravelFor(TaskRecord task, double now)
    {
        double start = Math.Max(now, task.PickupWindow.Earliest);
        return double.IsFinite(start) ? _travel.ForDeparture(EngineClock.FromSeconds(start)) : _travel;
    }

    /// <summary>The vehicle's whole route with <paramref name="duty"/>'s slice replaced by <paramref name="stops"/>.</summary>
    internal PlannedStop[] WithDutyRoute(Duty duty, PlannedStop[] stops)
    {
        var full = _state.RouteOf(duty.VehicleId);
        var result = new PlannedStop[full.Length - duty.Count + stops.Length];
        full.CopyTo(0, result, 0, duty.First);
        stops.CopyTo(result, duty.First);
        full.CopyTo(duty.First + duty.Count, result, duty.First + stops.Length, full.Length - duty.First - duty.Count);
        return result;
    }

    /// <summary>
    /// Recomputes the times of a stop sequence from the vehicle's current start. Used after GPS fixes, stop
    /// events and cancellations. A pickup never moves earlier than its previously planned service start:
    /// serving it earlier would let the vehicle run ahead and then wait further on with riders on board,
    /// stretching their ride time beyond its limit (the reason Cordeau &amp; Laporte 2003 delay departures).
    /// Keeping the pickups where they were keeps every constraint that held before; delays push times later.
    /// The forecast starts at the last fix <em>when it was taken</em> (<see cref="ForecastStartOf"/>), not at now:
    /// a re-timing between fixes (a cancellation) must not pretend the vehicle stood still since its last fix,
    /// because the rule above would keep that invented delay as the plan and push later pickups and rides past
    /// their promises.
    /// </summary>
    internal PlannedStop[] Reschedule(FleetVehicle vehicle, IReadOnlyList<(string TaskId, StopKind Kind)> stops, double now,
        IReadOnlyDictionary<string, TaskRecord>? overrides = null)
    {
        var (at, t, sinceFix) = ForecastStartOf(vehicle, now);
        // A vehicle standing at a stop it reported arriving at leaves only when that stop's service is done; when
        // the stop is gone (its booking cancelled while the driver waited or boarded) it leaves now, not at the fix.
        if (sinceFix && _state.ArrivedAt.TryGetValue(vehicle.Id, out var servingTask) && (stops.Count == 0 || stops[0].TaskId != servingTask))
            t = Math.Max(t, now);
        var planned = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var s in _state.RouteOf(vehicle.Id))
            if (s.Kind == StopKind.Pickup) planned[s.TaskId] = s.ServiceStart;
        // Each duty starts afresh at its start point when its window opens: the forecast does not drive the vehicle
        // through the night from one duty's last stop to the next one's first.
        var duties = DutyPlanner.Of(_state, vehicle, now, _options);
        var dutyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var full = _state.RouteOf(vehicle.Id);
        for (int d = 0; d < duties.Length; d++)
            for (int k = duties[d].First; k < duties[d].First + duties[d].Count; k++) dutyOf[full[k].TaskId] = d;
        int currentDuty = -1;
        var result = new PlannedStop[stops.Count];
        for (int i = 0; i < stops.Count; i++)
        {
            int duty = dutyOf.TryGetValue(stops[i].TaskId, out int known) ? Math.Max(known, currentDuty) : Math.Max(currentDuty, 0);
            if (duty != currentDuty && duty < duties.Length)
            {
                if (currentDuty >= 0 || !duties[duty].Running)
                {
                    at = duties[duty].StartPoint;
                    t = Math.Max(currentDuty >= 0 ? t : Math.Max(t, now), duties[duty].Start);
                    sinceFix = false;
                }
                currentDuty = duty;
            }
            var task = overrides is not null && overrides.TryGetValue(stops[i].TaskId, out var o) ? o : _state.Tasks[stops[i].TaskId];
            bool pickup = stops[i].Kind == StopKind.Pickup;
            var point = pickup ? task.Pickup : task.Delivery;
            var window = pickup ? task.PickupWindow : task.DeliveryWindow;
            double arrival = t + LegDuration(at, point);
            // A vehicle still on its way (no arrival reported) is not at its next stop before now.
            if (i == 0 && sinceFix && at != point) arrival = Math.Max(arrival, now);
            double start = Math.Max(arrival, window.Earliest);
            if (pickup && planned.TryGetValue(task.Id, out double before)) start = Math.Max(start, before);
            double departure = start + (pickup ? task.PickupServiceTime : task.DeliveryServiceTime);
            result[i] = new PlannedStop(task.Id, stops[i].Kind, arrival, start, departure);
            t = departure;
            at = point;
        }
        return result;
    }

    /// <summary>
    /// The vehicle's route as forecast now: with no fresh fix (older than <see cref="DispatchOptions.StaleFixAge"/>), the vehicle is assumed to have got no further than its
    /// last known point (or than the plan, whichever is later), so the running duty's stops arrive no earlier than now
    /// plus the drive from that point. ETAs slide and delays grow as the clock runs while fixes stay away, instead of the
    /// forecast freezing at the plan. A vehicle standing at a stop it reported leaves it no earlier than now. Other
    /// duties' stops are as planned. Read-only: nothing is stored.
    /// </summary>
    internal PlannedStop[] LiveRoute(FleetVehicle v, double now)
    {
        var route = _state.RouteOf(v.Id);
        var result = route.ToArray();
        if (route.IsEmpty || v.State != VehicleShiftState.OnShift || v.LastPosition is not GeoPoint at || v.LastFixAt is not DateTimeOffset fixAt) return result;
        if (now - EngineClock.ToSeconds(fixAt) <= _options.StaleFixAge.TotalSeconds) return result;
        Duty? running = null;
        foreach (var d in DutyPlanner.Of(_state, v, now, _options))
            if (d.Running) running = d;
        if (running is not Duty duty || duty.Count == 0) return result;
        bool standing = _state.ArrivedAt.TryGetValue(v.Id, out var servingTask) && route[duty.First].TaskId == servingTask;
        double t = now;
        for (int k = duty.First; k < duty.First + duty.Count; k++)
        {
            var s = route[k];
            var task = _state.Tasks[s.TaskId];
            var point = s.Kind == StopKind.Pickup ? task.Pickup : task.Delivery;
            bool here = standing && k == duty.First;
            double arrival = here ? s.Arrival : Math.Max(s.Arrival, t + LegDuration(at, point));
            double start = Math.Max(arrival, s.ServiceStart);
            double departure = start + (s.Departure - s.ServiceStart);
            if (here) departure = Math.Max(departure, now);
            result[k] = s with { Arrival = arrival, ServiceStart = start, Departure = departure };
            t = departure;
            at = point;
        }
        return result;
    }

    /// <summary>
    /// The forecast's driving time between two points. Stops and accepted fixes snap to the network, but a fix can
    /// still lie on a road piece cut off from the stops (an island in the map data); the forecast then assumes a
    /// straight drive at <see cref="UnroutableForecastMetresPerSecond"/> rather than an infinite, unprintable time.
    /// </summary>
    internal double LegDuration(GeoPoint from, GeoPoint to)
    {
        double seconds = _travel.Duration(from, to);
        return double.IsFinite(seconds) ? seconds : GeoMath.HaversineMetres(from, to) / UnroutableForecastMetresPerSecond;
    }

    /// <summary>30 km/h: a cautious rural average for the straight-line fallback of <see cref="LegDuration"/>.</summary>
    private const double UnroutableForecastMetresPerSecond = 30 / 3.6;

    /// <summary>
    /// Where and when the forecast of a vehicle's remaining route begins: an on-shift vehicle with a fix departs from
    /// that fix at the fix's time (dead reckoning along the plan: it kept driving since, or it is still serving the
    /// stop it reported), so <c>SinceFix</c> is true; otherwise the vehicle leaves its depot at max(now, shift start).
    /// </summary>
    internal static (GeoPoint Point, double Time, bool SinceFix) ForecastStartOf(FleetVehicle v, double now)
    {
        if (v.State == VehicleShiftState.OnShift && v.LastPosition is GeoPoint p && v.LastFixAt is DateTimeOffset fix)
            return (p, Math.Min(now, EngineClock.ToSeconds(fix)), true);
        var (depot, time) = ProblemBuilder.StartOf(v, now);
        return (depot, time, false);
    }

    /// <summary>The vehicle's route without the stops of <paramref name="taskId"/> (of the given kind, or both).</summary>
    internal List<(string, StopKind)> RouteWithout(string vehicleId, string taskId, StopKind? kind = null)
    {
        var list = new List<(string, StopKind)>();
        foreach (var s in _state.RouteOf(vehicleId))
            if (s.TaskId != taskId || (kind is StopKind k && s.Kind != k)) list.Add((s.TaskId, s.Kind));
        return list;
    }

    internal LoadVector LoadOnBoard(string vehicleId)
    {
        var load = LoadVector.Zero;
        foreach (var s in _state.RouteOf(vehicleId))
            if (s.Kind == StopKind.Delivery && _state.Tasks[s.TaskId].PickedUpAt is not null) load += _state.Tasks[s.TaskId].Load;
        return load;
    }

    /// <summary>
    /// The vehicle after moving to <paramref name="to"/> (with the fix's heading and speed when it carried them), and the kilometres this adds to the KPIs (driven,
    /// empty, passenger-weighted), using the network distance from the previous fix.
    /// </summary>
    internal (FleetVehicle Vehicle, KpiDelta Kpi) Move(FleetVehicle v, GeoPoint to, DateTimeOffset at, LoadVector load,
        double? heading = null, double? speed = null)
    {
        double metres = 0;
        if (v.LastPosition is GeoPoint from && from != to)
        {
            metres = _travel.Get(from, to).Distance;
            if (!double.IsFinite(metres)) metres = GeoMath.HaversineMetres(from, to);
        }
        bool empty = load == LoadVector.Zero;
        var kpi = new KpiDelta(DrivenMetres: metres, EmptyMetres: empty ? metres : 0,
            PassengerMetres: metres * (load.Seats + load.Wheelchairs));
        return (v with { LastPosition = to, LastFixAt = at, LastHeading = heading, LastSpeed = speed }, kpi);
    }

    internal VehicleMarker[]? ClearMarkerIfAt(string vehicleId, string taskId) =>
        _state.ArrivedAt.TryGetValue(vehicleId, out var at) && at == taskId ? [new VehicleMarker(vehicleId, null)] : null;

    /// <summary>The vehicle's current stop order re-timed from its (new) start; null when it has no route.</summary>
    internal RouteChange[]? RescheduledRoute(FleetVehicle moved, double now, IReadOnlyDictionary<string, TaskRecord>? overrides = null,
        List<(string, StopKind)>? stops = null)
    {
        stops ??= RouteWithout(moved.Id, "");
        if (stops.Count == 0 && _state.RouteOf(moved.Id).IsEmpty) return null;
        return [new RouteChange(moved.Id, Reschedule(moved, stops, now, overrides))];
    }

    internal StopKind FirstStopOf(string vehicleId, string taskId)
    {
        foreach (var s in _state.RouteOf(vehicleId))
            if (s.TaskId == taskId) return s.Kind;
        return StopKind.Delivery;
    }
}
