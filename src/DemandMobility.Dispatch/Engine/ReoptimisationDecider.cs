using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// What one re-optimisation round works on: the planning problem of the committed plan (dense matrix, so the solver
/// runs without the engine's travel cache), its horizon, the plan version it was built from and the plan's cost.
/// </summary>
internal sealed record ReoptimisationRound(PlanningProblem Planning, PlanHorizon? Horizon, Problem Problem, long PlanVersion, double Cost, double Now);

/// <summary>
/// Decides a re-optimisation round around the solver run: builds the problem from the committed plan, judges the
/// solver's answer independently (every request covered, every promise kept by <see cref="RouteEvaluator"/>, riders
/// on board on their vehicle, cheaper) and turns an adopted solution into the event that replaces the routes.
/// </summary>
internal sealed class ReoptimisationDecider(EngineContext context)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;

    /// <summary>
    /// What the last round that found nothing cheaper searched (null before the first): only its keys, not the round,
    /// whose dense matrix would stay in memory.
    /// </summary>
    private volatile SearchedPlan? _searched;

    /// <summary>
    /// Whether <paramref name="round"/> would search what the last searched round did in vain: the same plan version
    /// (no booking, cancellation, stop event, stored fix or adopted plan since), the same requests within the horizon and
    /// the same duties. Only the clock has moved, and a later start only takes options away from a search that found
    /// nothing cheaper already, so searching again would spend the solver's whole budget to repeat it (the search is
    /// seeded, so it walks the same way). The next change of plan, a request coming within the horizon or a duty
    /// starting or ending makes the next round search again.
    /// </summary>
    internal bool SearchedBefore(ReoptimisationRound round) =>
        _searched is { } last && last.PlanVersion == round.PlanVersion
        && last.TaskIds.AsSpan().SequenceEqual(round.Planning.TaskIds)
        && SameDuties(last.Duties, round.Planning.Duties);

    /// <summary>Notes that <paramref name="round"/> was searched and nothing cheaper was found.</summary>
    internal void NoteSearched(ReoptimisationRound round) =>
        _searched = new SearchedPlan(round.PlanVersion, round.Planning.TaskIds, round.Planning.Duties);

    private static bool SameDuties(Duty[] a, Duty[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i].VehicleId != b[i].VehicleId || a[i].Start != b[i].Start || a[i].Running != b[i].Running) return false;
        return true;
    }

    /// <summary>The keys of a searched round: plan version, the requests' task ids and the duties, in problem order.</summary>
    private sealed record SearchedPlan(long PlanVersion, string[] TaskIds, Duty[] Duties);

    /// <summary>The round's problem at <paramref name="now"/> (engine seconds); null when there is nothing to re-plan.</summary>
    internal ReoptimisationRound? Prepare(double now)
    {
        if (_state.Tasks.Count == 0) return null;
        // Every usable duty is an optimiser vehicle; a duty nobody drives keeps its stops until they are re-planned
        // (see DispatchEngine.SuperviseAsync), and a vehicle keeps the stops of its duties outside the problem.
        var duties = new List<Duty>();
        foreach (var id in _state.VehicleOrder)
            foreach (var d in DutyPlanner.Of(_state, _state.Vehicles[id], now, _options))
                if (d.Usable) duties.Add(d);
        var horizon = _options.ReoptimisationHorizon is TimeSpan h ? new PlanHorizon(now + h.TotalSeconds, duties.Count) : null;
        var pp = ProblemBuilder.Build(_state, duties, null, now, context.Travel, _options, pinPlanned: false, horizon: horizon);
        if (pp.Problem.Requests.IsEmpty) return null;
        var problem = pp.Problem with { Matrix = ((PlanTravelMatrix)pp.Problem.Matrix).ToDense() };
        double before = PlanCost(problem, pp.Current, horizon, out _, out _);
        return new ReoptimisationRound(pp, horizon, problem, _state.PlanVersion, before, now);
    }

    /// <summary>
    /// The solution's cost with its checked schedules (per optimiser vehicle) and end times, or null when it drops a
    /// request, breaks a rule or is not cheaper than the plan.
    /// </summary>
    internal (double Cost, ScheduledStop[][] Schedules, double[] Ends)? Judge(ReoptimisationRound round, Solution solution)
    {
        if (!solution.Unserved.IsEmpty || !CoversEveryRequest(round.Problem, solution)) return null;
        double after = PlanCost(round.Problem, solution, round.Horizon, out var schedules, out var ends);
        if (schedules is null || after >= round.Cost - 1e-6) return null;
        return (after, schedules, ends);
    }

    /// <summary>
    /// The event adopting <paramref name="schedules"/>: a vehicle's new route is its duties in order, each the solver's
    /// schedule (plus the kept tail) where the duty was in the problem, else its stops as they were. Call only while the
    /// plan is still at <see cref="ReoptimisationRound.PlanVersion"/>.
    /// </summary>
    internal PendingEvent Adopt(ReoptimisationRound round, ScheduledStop[][] schedules, double[] ends)
    {
        var routes = new List<RouteChange>();
        var tasks = new List<TaskRecord>();
        var bookings = new List<Booking>();
        var parcels = new List<Parcel>();
        // A vehicle's new route: its duties in order, each the solver's schedule (plus the kept tail) where the duty
        // was in the problem, else its stops as they were.
        var newStops = new Dictionary<(string, double), PlannedStop[]>();
        for (int v = 0; v < round.Planning.VehicleIds.Length; v++)
        {
            string vehicleId = round.Planning.VehicleIds[v];
            var schedule = schedules[v];
            var stops = new PlannedStop[schedule.Length];
            for (int i = 0; i < schedule.Length; i++)
            {
                var s = schedule[i];
                string taskId = round.Planning.TaskIds[s.Request];
                stops[i] = new PlannedStop(taskId, s.Kind, s.Arrival, s.ServiceStart, s.Departure);
                var task = _state.Tasks[taskId];
                if (task.VehicleId == vehicleId || s.Kind != StopKind.Delivery) continue;
                tasks.Add(task with { VehicleId = vehicleId });
                if (_state.Bookings.TryGetValue(taskId, out var b)) bookings.Add(b.OnVehicle(vehicleId));
                if (_state.Parcels.TryGetValue(taskId, out var p)) parcels.Add(p.OnVehicle(vehicleId));
            }
            if (round.Horizon is not null && round.Horizon.Tails[v].Length > 0) stops = WithTail(stops, round.Horizon.Tails[v], ends[v]);
            newStops[(vehicleId, round.Planning.Duties[v].Start)] = stops;
        }
        foreach (var vehicleId in _state.VehicleOrder)
        {
            var old = _state.RouteOf(vehicleId);
            var all = new List<PlannedStop>(old.Length);
            bool changed = false;
            // The duties as the round saw them (its own time, not the adoption's): the clock moves while the solver
            // runs, and a duty that became unusable meanwhile (a shift start's grace passed) would keep its old stops
            // while the tasks above already name their new vehicle — a booking on two buses' manifests.
            foreach (var d in DutyPlanner.Of(_state, _state.Vehicles[vehicleId], round.Now, _options))
            {
                if (d.Usable && newStops.TryGetValue((vehicleId, d.Start), out var planned))
                {
                    all.AddRange(planned);
                    changed = true;
                }
                else
                {
                    for (int k = d.First; k < d.First + d.Count; k++) all.Add(old[k]);
                }
            }
            if (changed && (all.Count > 0 || !old.IsEmpty)) routes.Add(new RouteChange(vehicleId, [.. all]));
        }
        var delta = new StateDelta(Bookings: [.. bookings], Parcels: [.. parcels], Tasks: [.. tasks], Routes: [.. routes]);
        return new PendingEvent(EventTypes.PlanReoptimised, "plan", delta);
    }

    /// <summary>
    /// Appends the stops kept beyond the horizon; the first one's arrival becomes <paramref name="arrival"/> (when the
    /// new plan reaches it, never after its planned service start, which <see cref="PlanHorizon"/> made the shift end).
    /// </summary>
    private static PlannedStop[] WithTail(PlannedStop[] stops, PlannedStop[] tail, double arrival)
    {
        var all = new PlannedStop[stops.Length + tail.Length];
        stops.CopyTo(all, 0);
        tail.CopyTo(all, stops.Length);
        var first = tail[0];
        all[stops.Length] = first with { Arrival = Math.Min(arrival, first.ServiceStart) };
        return all;
    }

    /// <summary>Every request picked up once and delivered once (on-board ones only delivered), each vehicle at most once.</summary>
    internal static bool CoversEveryRequest(Problem problem, Solution solution)
    {
        var pickups = new int[problem.Requests.Length];
        var deliveries = new int[problem.Requests.Length];
        var seenVehicle = new bool[problem.Vehicles.Length];
        foreach (var r in solution.Routes)
        {
            if (r.Vehicle < 0 || r.Vehicle >= seenVehicle.Length || seenVehicle[r.Vehicle]) return false;
            seenVehicle[r.Vehicle] = true;
            foreach (var s in r.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                if (s.Request < 0 || s.Request >= pickups.Length) return false;
                if (s.Kind == StopKind.Pickup) pickups[s.Request]++;
                else deliveries[s.Request]++;
            }
        }
        var onBoard = new bool[problem.Requests.Length];
        foreach (var st in problem.States)
            foreach (var ob in st.OnBoard) onBoard[ob.Request] = true;
        for (int i = 0; i < pickups.Length; i++)
            if (deliveries[i] != 1 || pickups[i] != (onBoard[i] ? 0 : 1)) return false;
        return true;
    }

    /// <summary>
    /// Cost of a whole plan by <see cref="RouteEvaluator"/>; <paramref name="schedules"/> (per vehicle
    /// index) is null when some route breaks a rule, including a changed locked first stop. <paramref name="ends"/>
    /// holds when each vehicle reaches its end location (for a vehicle with a kept tail: the tail's first stop).
    /// </summary>
    internal static double PlanCost(Problem problem, Solution solution, PlanHorizon? horizon, out ScheduledStop[][]? schedules, out double[] ends)
    {
        schedules = new ScheduledStop[problem.Vehicles.Length][];
        for (int v = 0; v < schedules.Length; v++) schedules[v] = [];
        ends = new double[problem.Vehicles.Length];
        var seen = new bool[problem.Vehicles.Length];
        double total = 0;
        bool feasible = true;
        foreach (var r in solution.Routes)
        {
            seen[r.Vehicle] = true;
            var stops = new List<StopRef>(r.Stops.Length);
            var schedule = new List<ScheduledStop>(r.Stops.Length);
            foreach (var s in r.Stops)
                if (s.Kind != StopKind.Break)
                {
                    stops.Add(new StopRef(s.Request, s.Kind));
                    schedule.Add(s);
                }
            var state = RouteEvaluator.StateOf(problem, r.Vehicle);
            if (state is not null && !state.LockedStops.IsEmpty &&
                (stops.Count < state.LockedStops.Length || !stops.GetRange(0, state.LockedStops.Length).SequenceEqual(state.LockedStops)))
                feasible = false;
            var given = schedule.ToArray();
            double distance, end;
            if (RouteEvaluator.Check(problem, r.Vehicle, state, given, out distance, out end) != RouteViolation.None)
            {
                // The plan's stored times may be stale (the clock moved on); judge the order by fresh earliest times.
                if (RouteEvaluator.Evaluate(problem, r.Vehicle, state, stops.ToArray(), given, out distance, out end) != RouteViolation.None)
                    feasible = false;
            }
            schedules[r.Vehicle] = given;
            ends[r.Vehicle] = end;
            total += RouteEvaluator.Cost(problem, r.Vehicle, distance, end, stops.Count > 0);
        }
        // A vehicle with a kept tail drives to it even when the solver leaves it nothing before the horizon;
        // without this an emptied route would look cheaper than it is.
        if (horizon is not null)
            for (int v = 0; v < seen.Length; v++)
            {
                if (seen[v] || horizon.Tails[v].Length == 0) continue;
                if (RouteEvaluator.Evaluate(problem, v, RouteEvaluator.StateOf(problem, v), [], [], out double distance, out double end) != RouteViolation.None)
                    feasible = false;
                ends[v] = end;
                total += RouteEvaluator.Cost(problem, v, distance, end, false);
            }
        if (!feasible) schedules = null;
        return total;
    }
}
