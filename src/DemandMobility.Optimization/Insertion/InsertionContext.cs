using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Insertion;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Insertion;

/// <summary>
/// A prepared plan for repeated live insertion queries: the flat problem data and the working routes with
/// their caches are built once, then every <see cref="FindInsertions(int, int)"/> call only generates and
/// checks candidates (no per-call rebuild; the only allocations are the returned options). When one route
/// changes (a booking is confirmed, a stop is served) call <see cref="UpdateRoute"/> or <see cref="Apply"/>,
/// which rebuild that route alone. When only vehicle or request records change (start times as the clock moves)
/// call <see cref="Refresh(Problem)"/>, which re-times the routes they touch. Build a new context when the problem's shape
/// changes (requests added or removed, live state, matrix).
/// </summary>
/// <remarks>
/// <para>The search is the one of <see cref="InsertionService.FindInsertions"/> (MATSim DRT stages: generate
/// all (pickup, delivery) position pairs of every allowed vehicle, prune in O(1) against the cached slack,
/// then the exact Cordeau &amp; Laporte 2003 schedule on the cheapest candidates). Only the cheapest
/// candidates are ever taken out of the candidate set, so it is kept as a heap rather than sorted.</para>
/// <para>A request that is not (yet) part of the problem can be probed with
/// <see cref="FindInsertions(Request, int)"/>: it is evaluated as if appended to
/// <see cref="Problem.Requests"/>, and the returned routes refer to it by the index
/// <c>Problem.Requests.Length</c>. Its locations must be indices of the problem's matrix.</para>
/// <para>Not thread-safe: scratch buffers are reused between calls. Use one context per thread.</para>
/// <example>
/// <code>
/// var ctx = new InsertionContext(problem, plan);       // once per problem/plan
/// var options = ctx.FindInsertions(newRequest, 10);     // per quote, ~allocation-free
/// if (options.Count > 0) ctx.Apply(options[0]);         // booking confirmed: one route is rebuilt
/// </code>
/// </example>
/// </remarks>
public sealed class InsertionContext
{
    private readonly ProblemData _data;
    private readonly ScheduleEvaluator _evaluator;
    private readonly PairInsertionEvaluator _pairs;
    private readonly WorkingRoute[] _routes;
    /// <summary>Vehicle whose route has a stop of the request, or −1.</summary>
    private readonly int[] _routeOf;
    private readonly CandidateBuffer _buffer = new();
    private Found[] _found = new Found[64];
    private readonly int _probe;
    private readonly bool[] _retime;
    private StopNode[] _nodes = new StopNode[32];

    private struct Found
    {
        public double Cost;
        public int Order;
        public InsertionCandidate Candidate;
    }

    /// <summary>Prepares <paramref name="plan"/> of <paramref name="problem"/> for insertion queries.</summary>
    /// <exception cref="ArgumentException">The problem or the plan is inconsistent (the message names the route, stop or field).</exception>
    public InsertionContext(Problem problem, Solution plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        Problem = problem;
        _data = new ProblemData(problem, probeSlots: 1);
        _probe = _data.RequestCount;
        _evaluator = new ScheduleEvaluator(_data);
        _pairs = new PairInsertionEvaluator(_data, _evaluator);
        var assigned = new bool[_data.RequestCount];
        _routes = RouteFactory.Build(_data, plan, _evaluator, assigned);
        _routeOf = new int[_data.SlotCount];
        Array.Fill(_routeOf, -1);
        foreach (var route in _routes) MarkRoute(route, route.Vehicle);
        _retime = new bool[_data.VehicleCount];
    }

    /// <summary>The problem the context was prepared for, or last moved to by <see cref="Refresh(Problem)"/>.</summary>
    public Problem Problem { get; private set; }

    /// <summary>
    /// Ranks the feasible insertions of request <paramref name="request"/> (an index into
    /// <see cref="Problem.Requests"/>, not yet in the plan) into the current routes, cheapest first. Vehicles
    /// without a route are considered with an empty route. Returns at most <paramref name="maxOptions"/>
    /// options; an empty list means no feasible insertion.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a request index.</exception>
    /// <exception cref="ArgumentException">The request is already in the plan or on board.</exception>
    public IReadOnlyList<InsertionOption> FindInsertions(int request, int maxOptions = 10)
    {
        if ((uint)request >= (uint)_data.RequestCount)
            throw new ArgumentOutOfRangeException(nameof(request), request, $"Not a request index (0..{_data.RequestCount - 1}).");
        if (_routeOf[request] >= 0 || _data.OnBoardVehicle[request] >= 0)
            throw new ArgumentException($"Request {request} ('{Problem.Requests[request].Id}') is already in the plan or on board.", nameof(request));
        return Rank(request, maxOptions, default);
    }

    /// <summary>
    /// Ranks the feasible insertions of a request that is not part of <see cref="Problem"/>, as if it were
    /// appended to <see cref="Problem.Requests"/>: the stops of the returned routes name it with the index
    /// <c>Problem.Requests.Length</c>. Its <see cref="Request.PinnedVehicle"/> and <see cref="Request.Group"/>
    /// apply as usual.
    /// </summary>
    /// <exception cref="ArgumentException">A location is outside the matrix or the pinned vehicle is not a vehicle index.</exception>
    public IReadOnlyList<InsertionOption> FindInsertions(Request candidate, int maxOptions = 10)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        _data.SetRequest(_probe, candidate);
        return Rank(_probe, maxOptions, default);
    }

    /// <summary>
    /// Ranks the feasible insertions of request <paramref name="request"/> as <see cref="FindInsertions(int, int)"/>,
    /// into the routes of the vehicles marked in <paramref name="vehicles"/> (one flag per vehicle) only; the
    /// others are left out as if they were not in the problem.
    /// </summary>
    /// <exception cref="ArgumentException">The mask does not have one flag per vehicle, or see <see cref="FindInsertions(int, int)"/>.</exception>
    public IReadOnlyList<InsertionOption> FindInsertions(int request, int maxOptions, ReadOnlySpan<bool> vehicles)
    {
        if (vehicles.Length != _data.VehicleCount)
            throw new ArgumentException($"The vehicle mask has {vehicles.Length} flags for {_data.VehicleCount} vehicles.", nameof(vehicles));
        if ((uint)request >= (uint)_data.RequestCount)
            throw new ArgumentOutOfRangeException(nameof(request), request, $"Not a request index (0..{_data.RequestCount - 1}).");
        if (_routeOf[request] >= 0 || _data.OnBoardVehicle[request] >= 0)
            throw new ArgumentException($"Request {request} ('{Problem.Requests[request].Id}') is already in the plan or on board.", nameof(request));
        return Rank(request, maxOptions, vehicles);
    }

    /// <summary>
    /// Moves the context to <paramref name="problem"/>, which differs from <see cref="Problem"/> only in vehicle and
    /// request records (time windows, say a vehicle's start time as the clock moves): the routes keep their stops,
    /// and the routes of vehicles whose record changed, or that serve a request whose record changed, are re-timed.
    /// Records are compared by reference, so pass the unchanged ones as they are. Cheaper than a new context by the
    /// problem's flat data and the routes that did not change.
    /// </summary>
    /// <exception cref="ArgumentException">The problem has another matrix, live state, weights, or number of
    /// vehicles or requests; the context is left unchanged.</exception>
    public void Refresh(Problem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var old = Problem;
        if (!ReferenceEquals(problem.Matrix, old.Matrix) || problem.Vehicles.Length != old.Vehicles.Length
            || problem.Requests.Length != old.Requests.Length || problem.States != old.States || problem.Weights != old.Weights)
            throw new ArgumentException("Refresh needs a problem with the same matrix, live state, weights and numbers of vehicles and requests; build a new context instead.", nameof(problem));
        Rebase(old, problem);
        Retime();
    }

    /// <summary>Marks for re-timing the routes whose request or vehicle records changed, then moves the flat data to <paramref name="problem"/>.</summary>
    private void Rebase(Problem old, Problem problem)
    {
        for (int r = 0; r < old.Requests.Length; r++)
            if (!ReferenceEquals(old.Requests[r], problem.Requests[r]) && _routeOf[r] >= 0) _retime[_routeOf[r]] = true;
        for (int v = 0; v < old.Vehicles.Length; v++)
            if (!ReferenceEquals(old.Vehicles[v], problem.Vehicles[v])) _retime[v] = true;
        _data.Rebase(problem);
        Problem = problem;
    }

    /// <summary>
    /// Moves the context to <paramref name="problem"/> and replaces the routes of the vehicles of
    /// <paramref name="routes"/> at once: as <see cref="Refresh(Problem)"/>, except that the live state
    /// (<see cref="Problem.States"/>) may differ for those vehicles (a stop was served, riders boarded or alighted)
    /// and requests may move between them (a re-planned plan). The other routes keep their caches and are re-timed
    /// only where their records changed. Cheaper than a new context by every route not replaced.
    /// </summary>
    /// <exception cref="ArgumentException">The problem has another matrix, weights, or number of vehicles or requests,
    /// the live state of a vehicle whose route is not replaced changed, or a route does not fit (see
    /// <see cref="UpdateRoute"/>); the context must then be dropped.</exception>
    public void Refresh(Problem problem, IReadOnlyList<RoutePlan> routes)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(routes);
        var old = Problem;
        if (!ReferenceEquals(problem.Matrix, old.Matrix) || problem.Vehicles.Length != old.Vehicles.Length
            || problem.Requests.Length != old.Requests.Length || problem.Weights != old.Weights)
            throw new ArgumentException("Refresh needs a problem with the same matrix, weights and numbers of vehicles and requests; build a new context instead.", nameof(problem));
        var replaced = new bool[_data.VehicleCount];
        foreach (var route in routes)
        {
            if ((uint)route.Vehicle >= (uint)_data.VehicleCount)
                throw new ArgumentException($"Route for vehicle {route.Vehicle}: not a vehicle index.", nameof(routes));
            if (replaced[route.Vehicle])
                throw new ArgumentException($"Two routes for vehicle {route.Vehicle}.", nameof(routes));
            replaced[route.Vehicle] = true;
        }
        var states = new VehicleState?[_data.VehicleCount];
        if (!problem.States.IsDefault)
            foreach (var s in problem.States)
            {
                if ((uint)s.Vehicle >= (uint)_data.VehicleCount || states[s.Vehicle] is not null)
                    throw new ArgumentException($"VehicleState of vehicle {s.Vehicle}: not a vehicle index, or a second state.", nameof(problem));
                if (!s.OnBoard.IsDefault)
                    foreach (var ob in s.OnBoard)
                        if ((uint)ob.Request >= (uint)_data.RequestCount)
                            throw new ArgumentException($"VehicleState of vehicle {s.Vehicle}: OnBoard request {ob.Request} is not a request index.", nameof(problem));
                states[s.Vehicle] = s;
            }
        for (int v = 0; v < states.Length; v++)
            if (!replaced[v] && !ReferenceEquals(states[v], _data.States[v]))
                throw new ArgumentException($"The live state of vehicle {v} changed but its route is not replaced.", nameof(problem));

        // The replaced vehicles' riders leave the on-board data before the records are re-read (which keeps it) ...
        foreach (var route in routes)
        {
            int v = route.Vehicle;
            MarkRoute(_routes[v], -1);
            if (_data.States[v] is { OnBoard.IsDefault: false } before)
                foreach (var ob in before.OnBoard)
                {
                    _data.OnBoardVehicle[ob.Request] = -1;
                    _data.Deliveries[ob.Request].OnBoardSince = double.NaN;
                }
        }
        Rebase(old, problem);
        // ... and the new ones enter it after, as ProblemData reads them from a new problem.
        foreach (var route in routes)
        {
            int v = route.Vehicle;
            _data.States[v] = states[v];
            if (states[v] is { OnBoard.IsDefault: false } now)
                foreach (var ob in now.OnBoard)
                {
                    if (_data.OnBoardVehicle[ob.Request] >= 0)
                        throw new ArgumentException($"Request {ob.Request} is on board two vehicles.", nameof(problem));
                    _data.OnBoardVehicle[ob.Request] = v;
                    _data.Deliveries[ob.Request].OnBoardSince = ob.PickupDepartureTime;
                }
        }
        foreach (var route in routes)
        {
            int v = route.Vehicle;
            var fresh = RouteFactory.BuildRoute(_data, v, route, _evaluator);
            RouteFactory.MarkAssigned(_data, fresh, null);
            foreach (ref readonly var s in fresh.Stops)
                if (s.Request >= 0 && _routeOf[s.Request] >= 0)
                    throw new ArgumentException($"Route of vehicle {v}: request {s.Request} is already on the route of vehicle {_routeOf[s.Request]}.", nameof(routes));
            if (states[v] is { OnBoard.IsDefault: false } state)
                foreach (var ob in state.OnBoard)
                    if (!HasDelivery(fresh, ob.Request))
                        throw new ArgumentException($"Route of vehicle {v}: request {ob.Request} is on board but not delivered.", nameof(routes));
            _routes[v] = fresh;
            MarkRoute(fresh, v);
            _retime[v] = false;
        }
        Retime();
    }

    /// <summary>Re-times the routes marked in <see cref="_retime"/> (their vehicle's or a request's record changed).</summary>
    private void Retime()
    {
        for (int v = 0; v < _retime.Length; v++)
        {
            if (!_retime[v]) continue;
            _retime[v] = false;
            var route = _routes[v];
            if (_nodes.Length < route.Count) _nodes = new StopNode[Math.Max(route.Count, 2 * _nodes.Length)];
            for (int i = 0; i < route.Count; i++)
            {
                ref readonly var s = ref route.Stop(i);
                _nodes[i] = _data.Node(v, s.Request, s.Kind);
            }
            route.SetStops(_nodes.AsSpan(0, route.Count));
            route.Update(_evaluator);
        }
    }

    /// <summary>Replaces the route of <paramref name="route"/>'s vehicle (the schedule fields are recomputed).</summary>
    /// <exception cref="ArgumentException">The route is inconsistent with the problem or the rest of the plan
    /// (unknown request, a request already on another route, locked stops or on-board deliveries missing);
    /// the context is left unchanged.</exception>
    public void UpdateRoute(RoutePlan route)
    {
        ArgumentNullException.ThrowIfNull(route);
        int v = route.Vehicle;
        if ((uint)v >= (uint)_data.VehicleCount)
            throw new ArgumentException($"Route for vehicle {v}: not a vehicle index.", nameof(route));
        foreach (var s in route.Stops)
            if (s.Kind != StopKind.Break && s.Request == _probe)
                throw new ArgumentException($"Route of vehicle {v}: request {_probe} is a probe, not part of the problem; build a new context with the request added.", nameof(route));
        var fresh = RouteFactory.BuildRoute(_data, v, route, _evaluator);
        RouteFactory.MarkAssigned(_data, fresh, null);
        foreach (ref readonly var s in fresh.Stops)
            if (s.Request >= 0 && _routeOf[s.Request] >= 0 && _routeOf[s.Request] != v)
                throw new ArgumentException($"Route of vehicle {v}: request {s.Request} is already on the route of vehicle {_routeOf[s.Request]}.", nameof(route));
        if (_data.States[v] is { OnBoard.IsDefault: false } state)
            foreach (var ob in state.OnBoard)
                if (!HasDelivery(fresh, ob.Request))
                    throw new ArgumentException($"Route of vehicle {v}: request {ob.Request} is on board but not delivered.", nameof(route));
        MarkRoute(_routes[v], -1);
        _routes[v] = fresh;
        MarkRoute(fresh, v);
    }

    /// <summary>Commits an option returned by this context (its vehicle's route becomes <see cref="InsertionOption.Route"/>).</summary>
    /// <exception cref="ArgumentException">The option's route does not fit the current plan (see <see cref="UpdateRoute"/>).</exception>
    public void Apply(InsertionOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        UpdateRoute(option.Route);
    }

    /// <summary>
    /// The current plan (after the updates so far) as a solution: routes with at least one request stop,
    /// the requests on no route as unserved, and the objective of the routes plus the unserved penalty.
    /// </summary>
    public Solution CurrentPlan()
    {
        var routes = System.Collections.Immutable.ImmutableArray.CreateBuilder<RoutePlan>();
        double cost = 0;
        foreach (var route in _routes)
        {
            if (route.RequestStops == 0) continue;
            routes.Add(route.ToPlan(_evaluator));
            cost += route.Metrics.Cost;
        }
        var unserved = System.Collections.Immutable.ImmutableArray.CreateBuilder<int>();
        for (int r = 0; r < _data.RequestCount; r++)
            if (_routeOf[r] < 0) unserved.Add(r);
        cost += _data.Weights.Unserved * unserved.Count;
        return new Solution(routes.ToImmutable(), unserved.ToImmutable(), cost);
    }

    // vehicles: one flag per vehicle, or empty for every vehicle.
    private IReadOnlyList<InsertionOption> Rank(int request, int maxOptions, ReadOnlySpan<bool> vehicles)
    {
        if (maxOptions <= 0) return Array.Empty<InsertionOption>();
        var buffer = _buffer;
        buffer.Clear();
        for (int v = 0; v < _routes.Length; v++)
            if (_routes[v].Feasible && _data.Allowed(request, v) && (vehicles.IsEmpty || vehicles[v]))
                _pairs.Generate(_routes[v], v, request, buffer);
        if (buffer.Count == 0) return Array.Empty<InsertionOption>();
        buffer.Heapify();

        // With a distance/time objective the estimate is exact and the first maxOptions feasible ones are
        // the answer; otherwise the cheapest few by estimate are re-ranked by their exact cost.
        int wanted = _pairs.ScheduleDependentCost ? Math.Max(4 * maxOptions, 32) : maxOptions;
        if (_found.Length < wanted) _found = new Found[wanted];
        int found = 0, order = 0;
        while (found < wanted && buffer.PopMin(out var cand))
        {
            order++;
            if (_pairs.TryExact(_routes[cand.Route], request, cand.Pickup, cand.Delivery, out double delta))
                _found[found++] = new Found { Cost = delta, Order = order, Candidate = cand };
        }
        SortFound(found);

        int count = Math.Min(maxOptions, found);
        var options = new InsertionOption[count];
        for (int k = 0; k < count; k++)
        {
            var cand = _found[k].Candidate;
            var route = _routes[cand.Route];
            var seq = _pairs.BuildSequence(route, request, cand.Pickup, cand.Delivery);
            _evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out _);
            var planRoute = _evaluator.ToPlan(route.Vehicle, seq);
            var pickupStop = planRoute.Stops[cand.Pickup];
            var deliveryStop = planRoute.Stops[cand.Delivery + 1];
            options[k] = new InsertionOption(route.Vehicle, cand.Pickup, cand.Delivery, _found[k].Cost,
                pickupStop.ServiceStart, deliveryStop.ServiceStart, planRoute);
        }
        return options;
    }

    // Stable insertion sort by exact cost (ties keep the estimate order); at most a few dozen entries.
    private void SortFound(int count)
    {
        for (int i = 1; i < count; i++)
        {
            var x = _found[i];
            int j = i - 1;
            while (j >= 0 && (_found[j].Cost > x.Cost || (_found[j].Cost == x.Cost && _found[j].Order > x.Order)))
            {
                _found[j + 1] = _found[j];
                j--;
            }
            _found[j + 1] = x;
        }
    }

    private void MarkRoute(WorkingRoute route, int owner)
    {
        foreach (ref readonly var s in route.Stops)
            if (s.Request >= 0) _routeOf[s.Request] = owner;
    }

    private static bool HasDelivery(WorkingRoute route, int request)
    {
        foreach (ref readonly var s in route.Stops)
            if (s.Kind == StopKind.Delivery && s.Request == request) return true;
        return false;
    }
}
