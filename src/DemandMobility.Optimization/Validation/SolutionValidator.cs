using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Validation;

/// <summary>
/// Checks a <see cref="Solution"/> against its <see cref="Problem"/> by re-simulating every route from the
/// reported schedule. It deliberately shares no code with the solver (no Search or Insertion types), so a
/// bug in the solver's feasibility logic cannot hide itself here.
/// </summary>
/// <remarks>
/// <para>Constraint definitions follow Cordeau (2006), "A branch-and-cut algorithm for the dial-a-ride
/// problem", Section 2: ride time = start of delivery service − end of pickup service; route duration =
/// arrival at the end − departure from the start; waiting is allowed, also with passengers on board.</para>
/// <para>What the validator accepts for a reported schedule, per stop i following location p (the vehicle's
/// start, or the previous stop; a break stays at the previous location, travel 0):</para>
/// <list type="bullet">
/// <item><c>Arrival_i ≥ Departure_p + Duration(p, i)</c>: the vehicle may wait before leaving p, so arriving
/// later than the earliest possible time is accepted, arriving earlier is not. The route's
/// <see cref="RoutePlan.StartTime"/> is the departure from the start, <see cref="RoutePlan.EndTime"/> the
/// arrival at the end (also ≥ last departure + travel).</item>
/// <item><c>ServiceStart_i ≥ Arrival_i</c> and inside the stop's window (break: inside [EarliestStart, LatestStart]).</item>
/// <item><c>Departure_i = ServiceStart_i + service time</c> (break: + Duration); a longer stay must be
/// modelled as a later departure of the next arc, i.e. a later arrival is accepted but not a longer service.</item>
/// </list>
/// <para>Breaks: a vehicle with a <see cref="BreakRule"/> whose route has at least one pickup or delivery must
/// contain exactly one break stop (request −1) with nobody on board; a vehicle without a rule must have none.
/// Locked stops are compared with the route's pickups and deliveries in order (break stops skipped).</para>
/// <para>All comparisons use the tolerance <c>tol × max(1, |a|, |b|)</c> (default tol 1e-6) because times
/// and costs are floating sums. The validator never throws for a bad solution; every problem becomes a
/// <see cref="Violation"/>.</para>
/// </remarks>
public static class SolutionValidator
{
    /// <summary>Validates <paramref name="solution"/> and recomputes its objective.</summary>
    /// <param name="problem">The problem the solution claims to solve.</param>
    /// <param name="solution">The solution to check.</param>
    /// <param name="relativeTolerance">Relative tolerance of time and cost comparisons.</param>
    public static ValidationResult Validate(Problem problem, Solution solution, double relativeTolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(solution);
        return new Run(problem, relativeTolerance).Check(solution);
    }

    /// <summary>State of one validation; contained here so that the public API stays a pure function.</summary>
    private sealed class Run
    {
        private readonly Problem _p;
        private readonly double _tol;
        private readonly List<Violation> _violations = new();
        private readonly int _requestCount;
        private readonly int[] _onBoardVehicle;
        private readonly double[] _onBoardSince;
        private readonly int[] _pickupRoute;
        private readonly int[] _deliveryRoute;
        private readonly double[] _pickupDeparture;
        private double _drivingTime, _distance, _rideTime, _waiting, _fixedCost;
        private int _usedVehicles;

        public Run(Problem problem, double tolerance)
        {
            _p = problem;
            _tol = tolerance;
            _requestCount = problem.Requests.IsDefault ? 0 : problem.Requests.Length;
            _onBoardVehicle = new int[_requestCount];
            _onBoardSince = new double[_requestCount];
            _pickupRoute = new int[_requestCount];
            _deliveryRoute = new int[_requestCount];
            _pickupDeparture = new double[_requestCount];
            Array.Fill(_onBoardVehicle, -1);
            Array.Fill(_pickupRoute, -1);
            Array.Fill(_deliveryRoute, -1);
        }

        private int VehicleCount => _p.Vehicles.IsDefault ? 0 : _p.Vehicles.Length;

        public ValidationResult Check(Solution solution)
        {
            var states = new VehicleState?[VehicleCount];
            if (!_p.States.IsDefault)
                foreach (var state in _p.States)
                {
                    if (state.Vehicle < 0 || state.Vehicle >= VehicleCount) continue;
                    states[state.Vehicle] = state;
                    if (state.OnBoard.IsDefault) continue;
                    foreach (var ob in state.OnBoard)
                        if (ob.Request >= 0 && ob.Request < _requestCount)
                        {
                            _onBoardVehicle[ob.Request] = state.Vehicle;
                            _onBoardSince[ob.Request] = ob.PickupDepartureTime;
                        }
                }

            var routes = solution.Routes.IsDefault ? ImmutableArray<RoutePlan>.Empty : solution.Routes;
            var vehicleRoute = new int[VehicleCount];
            Array.Fill(vehicleRoute, -1);
            for (int r = 0; r < routes.Length; r++)
            {
                var route = routes[r];
                if (route is null)
                {
                    Add(ConstraintKind.Vehicle, r, -1, -1, -1, "route is null");
                    continue;
                }
                if (route.Vehicle < 0 || route.Vehicle >= VehicleCount)
                {
                    Add(ConstraintKind.Vehicle, r, route.Vehicle, -1, -1, $"vehicle index {route.Vehicle} is outside the fleet of {VehicleCount}");
                    continue;
                }
                if (vehicleRoute[route.Vehicle] >= 0)
                {
                    Add(ConstraintKind.Vehicle, r, route.Vehicle, -1, -1, $"vehicle {route.Vehicle} already has route {vehicleRoute[route.Vehicle]}");
                    continue;
                }
                vehicleRoute[route.Vehicle] = r;
                CheckRoute(r, route, states[route.Vehicle]);
            }

            for (int v = 0; v < VehicleCount; v++)
            {
                var state = states[v];
                if (state is null || vehicleRoute[v] >= 0) continue;
                if (!state.LockedStops.IsDefaultOrEmpty)
                    Add(ConstraintKind.LockedPrefix, -1, v, -1, -1, $"vehicle {v} has {state.LockedStops.Length} locked stops but no route");
            }

            int unserved = CheckServedSet(solution);
            var w = _p.Weights;
            double total = w.TravelTime * _drivingTime + w.Distance * _distance + w.RideTime * _rideTime
                           + w.Waiting * _waiting + w.Unserved * unserved + w.FixedCost * _fixedCost;
            if (!Close(total, solution.Cost))
                Add(ConstraintKind.Objective, -1, -1, -1, -1,
                    $"reported cost {F(solution.Cost)} differs from recomputed {F(total)} (distance {F(_distance)}, driving time {F(_drivingTime)}, ride time {F(_rideTime)}, waiting {F(_waiting)}, unserved {unserved}, fixed cost {F(_fixedCost)})");
            return new ValidationResult(_violations,
                new ObjectiveBreakdown(_drivingTime, _distance, _rideTime, _waiting, unserved, _fixedCost, _usedVehicles, total));
        }

        private void CheckRoute(int r, RoutePlan route, VehicleState? state)
        {
            int v = route.Vehicle;
            var vehicle = _p.Vehicles[v];
            var stops = route.Stops.IsDefault ? ImmutableArray<ScheduledStop>.Empty : route.Stops;
            int locationCount = _p.Matrix.Count;

            var load = LoadVector.Zero;
            int aboard = 0;
            // Requests picked up or on board during this route: needed for precedence and break checks.
            var onRoute = new bool[_requestCount];
            for (int q = 0; q < _requestCount; q++)
                if (_onBoardVehicle[q] == v)
                {
                    onRoute[q] = true;
                    aboard++;
                    load += _p.Requests[q].Load;
                }
            if (!load.FitsWithin(vehicle.Capacity))
                Add(ConstraintKind.Capacity, r, v, -1, -1, $"on-board load {load} exceeds capacity {vehicle.Capacity} at the start");

            if (!Finite(route.StartTime) || !Finite(route.EndTime))
            {
                Add(ConstraintKind.MalformedStop, r, v, -1, -1, $"start time {F(route.StartTime)} or end time {F(route.EndTime)} is not finite");
                return;
            }
            if (!Leq(vehicle.Shift.Earliest, route.StartTime))
                Add(ConstraintKind.Shift, r, v, -1, -1, $"leaves the start at {F(route.StartTime)}, before the shift starts at {F(vehicle.Shift.Earliest)}");

            int location = vehicle.StartLocation;
            double time = route.StartTime;
            int requestStops = 0, breaks = 0;
            for (int i = 0; i < stops.Length; i++)
            {
                var s = stops[i];
                if (!Finite(s.Arrival) || !Finite(s.ServiceStart) || !Finite(s.Departure))
                {
                    Add(ConstraintKind.MalformedStop, r, v, i, s.Request, $"times {F(s.Arrival)}/{F(s.ServiceStart)}/{F(s.Departure)} are not all finite");
                    return;
                }
                if (s.Kind == StopKind.Break)
                {
                    breaks++;
                    if (s.Request != -1)
                        Add(ConstraintKind.MalformedStop, r, v, i, s.Request, $"break stop carries request {s.Request} instead of -1");
                    CheckBreakStop(r, v, i, s, vehicle.Break, time, aboard);
                    time = s.Departure;
                    continue;
                }
                if (s.Request < 0 || s.Request >= _requestCount || (s.Kind != StopKind.Pickup && s.Kind != StopKind.Delivery))
                {
                    Add(ConstraintKind.MalformedStop, r, v, i, s.Request, $"{s.Kind} stop names unknown request {s.Request}");
                    return;
                }
                requestStops++;
                var req = _p.Requests[s.Request];
                bool pickup = s.Kind == StopKind.Pickup;
                int next = pickup ? req.PickupLocation : req.DeliveryLocation;
                if (next < 0 || next >= locationCount || location < 0 || location >= locationCount)
                {
                    Add(ConstraintKind.MalformedStop, r, v, i, s.Request, $"location {next} or {location} is outside the matrix of {locationCount}");
                    return;
                }
                double travel = _p.Matrix.Duration(location, next);
                _drivingTime += travel;
                _distance += _p.Matrix.Distance(location, next);
                CheckTimes(r, v, i, s, time, travel, pickup ? req.PickupWindow : req.DeliveryWindow,
                    pickup ? req.PickupServiceTime : req.DeliveryServiceTime, pickup ? "pickup" : "delivery");

                if (pickup)
                    aboard += Pickup(r, v, i, s, req, onRoute, ref load);
                else
                    aboard -= Delivery(r, v, i, s, req, onRoute, ref load);
                location = next;
                time = s.Departure;
            }

            CheckEnd(r, route, vehicle, location, time);
            for (int q = 0; q < _requestCount; q++)
                // Undelivered on-board requests are reported once, by CheckServedSet.
                if (onRoute[q] && _deliveryRoute[q] != r && _onBoardVehicle[q] != v)
                    Add(ConstraintKind.Precedence, r, v, -1, q, $"request {q} is picked up but still on board when the route ends");

            if (requestStops > 0)
            {
                _usedVehicles++;
                _fixedCost += vehicle.FixedCost;
            }
            if (vehicle.Break is null && breaks > 0)
                Add(ConstraintKind.Break, r, v, -1, -1, $"route has {breaks} break stops but the vehicle has no break rule");
            else if (vehicle.Break is not null && requestStops > 0 && breaks != 1)
                Add(ConstraintKind.Break, r, v, -1, -1, $"route has {breaks} break stops; exactly one is required");
            CheckLockedPrefix(r, v, stops, state);
        }

        private void CheckTimes(int r, int v, int i, ScheduledStop s, double previousDeparture, double travel,
            TimeWindow window, double serviceTime, string what)
        {
            if (!Leq(previousDeparture + travel, s.Arrival))
                Add(ConstraintKind.Travel, r, v, i, s.Request,
                    $"{what} arrival {F(s.Arrival)} is before previous departure {F(previousDeparture)} + travel {F(travel)} = {F(previousDeparture + travel)}");
            if (!Leq(s.Arrival, s.ServiceStart))
                Add(ConstraintKind.Schedule, r, v, i, s.Request, $"{what} service starts at {F(s.ServiceStart)}, before arrival at {F(s.Arrival)}");
            if (!Leq(window.Earliest, s.ServiceStart) || !Leq(s.ServiceStart, window.Latest))
                Add(ConstraintKind.TimeWindow, r, v, i, s.Request,
                    $"{what} service starts at {F(s.ServiceStart)}, outside window [{F(window.Earliest)}, {F(window.Latest)}]");
            if (!Close(s.ServiceStart + serviceTime, s.Departure))
                Add(ConstraintKind.Schedule, r, v, i, s.Request,
                    $"{what} departure {F(s.Departure)} differs from service start {F(s.ServiceStart)} + service time {F(serviceTime)}");
        }

        private void CheckBreakStop(int r, int v, int i, ScheduledStop s, BreakRule? rule, double previousDeparture, int aboard)
        {
            // A break is taken where the vehicle is: travel time 0 from the previous location.
            if (!Leq(previousDeparture, s.Arrival))
                Add(ConstraintKind.Travel, r, v, i, -1, $"break arrival {F(s.Arrival)} is before the previous departure {F(previousDeparture)}");
            if (!Leq(s.Arrival, s.ServiceStart))
                Add(ConstraintKind.Schedule, r, v, i, -1, $"break starts at {F(s.ServiceStart)}, before arrival at {F(s.Arrival)}");
            if (aboard > 0)
                Add(ConstraintKind.Break, r, v, i, -1, $"break taken with {aboard} request(s) on board");
            if (rule is null) return;
            if (!Leq(rule.EarliestStart, s.ServiceStart) || !Leq(s.ServiceStart, rule.LatestStart))
                Add(ConstraintKind.Break, r, v, i, -1,
                    $"break starts at {F(s.ServiceStart)}, outside [{F(rule.EarliestStart)}, {F(rule.LatestStart)}]");
            if (!Close(s.ServiceStart + rule.Duration, s.Departure))
                Add(ConstraintKind.Break, r, v, i, -1,
                    $"break ends at {F(s.Departure)}, not after its duration {F(rule.Duration)} from {F(s.ServiceStart)}");
        }

        private int Pickup(int r, int v, int i, ScheduledStop s, Request req, bool[] onRoute, ref LoadVector load)
        {
            int q = s.Request;
            if (_onBoardVehicle[q] >= 0)
            {
                Add(ConstraintKind.OnBoard, r, v, i, q, $"request {q} is already on board vehicle {_onBoardVehicle[q]} and is picked up again");
                return 0;
            }
            if (_pickupRoute[q] >= 0)
            {
                Add(ConstraintKind.ServedTwice, r, v, i, q, $"request {q} is picked up again (first on route {_pickupRoute[q]})");
                return 0;
            }
            _pickupRoute[q] = r;
            _pickupDeparture[q] = s.Departure;
            onRoute[q] = true;
            if (req.PinnedVehicle is int pin && pin != v)
                Add(ConstraintKind.PinnedVehicle, r, v, i, q, $"request {q} is pinned to vehicle {pin} but served by vehicle {v}");
            string? vehicleGroup = _p.Vehicles[v].Group;
            if (!string.Equals(req.Group, vehicleGroup, StringComparison.Ordinal))
                Add(ConstraintKind.Group, r, v, i, q,
                    $"request {q} of group '{req.Group ?? "(none)"}' is served by vehicle {v} of group '{vehicleGroup ?? "(none)"}'");
            if (!req.Load.IsNonNegative)
                Add(ConstraintKind.Capacity, r, v, i, q, $"request {q} has a negative load {req.Load}");
            if (double.IsFinite(req.PickupWindow.Earliest))
                _waiting += Math.Max(0, s.ServiceStart - req.PickupWindow.Earliest);
            load += req.Load;
            var capacity = _p.Vehicles[v].Capacity;
            if (!load.FitsWithin(capacity))
                Add(ConstraintKind.Capacity, r, v, i, q, $"load {load} after pickup exceeds capacity {capacity}");
            return 1;
        }

        private int Delivery(int r, int v, int i, ScheduledStop s, Request req, bool[] onRoute, ref LoadVector load)
        {
            int q = s.Request;
            if (_deliveryRoute[q] >= 0)
            {
                Add(ConstraintKind.ServedTwice, r, v, i, q, $"request {q} is delivered again (first on route {_deliveryRoute[q]})");
                return 0;
            }
            if (!onRoute[q])
            {
                if (_onBoardVehicle[q] >= 0)
                    Add(ConstraintKind.OnBoard, r, v, i, q, $"request {q} is on board vehicle {_onBoardVehicle[q]} but delivered by vehicle {v}");
                else if (_pickupRoute[q] >= 0)
                    Add(ConstraintKind.Precedence, r, v, i, q, $"request {q} is delivered on route {r} but picked up on route {_pickupRoute[q]}");
                else
                    Add(ConstraintKind.Precedence, r, v, i, q, $"request {q} is delivered before (or without) its pickup");
                _deliveryRoute[q] = r;
                return 0;
            }
            _deliveryRoute[q] = r;
            onRoute[q] = false;
            double since = _onBoardVehicle[q] == v ? _onBoardSince[q] : _pickupDeparture[q];
            double ride = s.ServiceStart - since;
            _rideTime += ride;
            if (!Leq(ride, req.MaxRideTime))
                Add(ConstraintKind.RideTime, r, v, i, q, $"ride time {F(ride)} (from {F(since)} to {F(s.ServiceStart)}) exceeds the maximum {F(req.MaxRideTime)}");
            load -= req.Load;
            return 1;
        }

        private void CheckEnd(int r, RoutePlan route, Vehicle vehicle, int location, double time)
        {
            int v = route.Vehicle;
            int end = vehicle.EndLocation;
            if (location < 0 || location >= _p.Matrix.Count || end < 0 || end >= _p.Matrix.Count)
            {
                Add(ConstraintKind.MalformedStop, r, v, -1, -1, $"end location {end} is outside the matrix");
                return;
            }
            double travel = _p.Matrix.Duration(location, end);
            _drivingTime += travel;
            _distance += _p.Matrix.Distance(location, end);
            if (!Leq(time + travel, route.EndTime))
                Add(ConstraintKind.Travel, r, v, -1, -1,
                    $"end time {F(route.EndTime)} is before last departure {F(time)} + travel {F(travel)} = {F(time + travel)}");
            if (!Leq(route.EndTime, vehicle.Shift.Latest))
                Add(ConstraintKind.Shift, r, v, -1, -1, $"reaches the end at {F(route.EndTime)}, after the shift ends at {F(vehicle.Shift.Latest)}");
            double duration = route.EndTime - route.StartTime;
            if (!Leq(duration, vehicle.MaxRouteDuration))
                Add(ConstraintKind.RouteDuration, r, v, -1, -1, $"route duration {F(duration)} exceeds the maximum {F(vehicle.MaxRouteDuration)}");
        }

        private void CheckLockedPrefix(int r, int v, ImmutableArray<ScheduledStop> stops, VehicleState? state)
        {
            if (state is null || state.LockedStops.IsDefaultOrEmpty) return;
            int k = 0;
            for (int i = 0; i < stops.Length && k < state.LockedStops.Length; i++)
            {
                if (stops[i].Kind == StopKind.Break) continue;
                var locked = state.LockedStops[k];
                if (stops[i].Request != locked.Request || stops[i].Kind != locked.Kind)
                {
                    Add(ConstraintKind.LockedPrefix, r, v, i, stops[i].Request,
                        $"locked stop {k} is {locked.Kind} of request {locked.Request}, route has {stops[i].Kind} of request {stops[i].Request}");
                    return;
                }
                k++;
            }
            if (k < state.LockedStops.Length)
                Add(ConstraintKind.LockedPrefix, r, v, -1, -1, $"route keeps only {k} of {state.LockedStops.Length} locked stops");
        }

        /// <returns>The number of requests not served.</returns>
        private int CheckServedSet(Solution solution)
        {
            var listed = new bool[_requestCount];
            if (!solution.Unserved.IsDefault)
                foreach (int q in solution.Unserved)
                {
                    if (q < 0 || q >= _requestCount)
                        Add(ConstraintKind.UnservedList, -1, -1, -1, q, $"unserved list names unknown request {q}");
                    else if (listed[q])
                        Add(ConstraintKind.UnservedList, -1, -1, -1, q, $"request {q} is listed as unserved twice");
                    else listed[q] = true;
                }

            int unserved = 0;
            for (int q = 0; q < _requestCount; q++)
            {
                bool onBoard = _onBoardVehicle[q] >= 0;
                bool touched = _pickupRoute[q] >= 0 || _deliveryRoute[q] >= 0;
                bool served = _deliveryRoute[q] >= 0 && (onBoard || _pickupRoute[q] >= 0);
                if (!served)
                {
                    unserved++;
                    if (onBoard)
                        Add(ConstraintKind.OnBoard, -1, _onBoardVehicle[q], -1, q, $"request {q} is on board vehicle {_onBoardVehicle[q]} but never delivered");
                    else if (_p.Requests[q].MustServe)
                        Add(ConstraintKind.MustServe, -1, -1, -1, q, $"request {q} ({_p.Requests[q].Id}) must be served but is not");
                    if (!listed[q] && !touched)
                        Add(ConstraintKind.UnservedList, -1, -1, -1, q, $"request {q} is neither served nor listed as unserved");
                }
                else if (listed[q])
                    Add(ConstraintKind.UnservedList, -1, -1, -1, q, $"request {q} is served but listed as unserved");
            }
            return unserved;
        }

        private bool Leq(double a, double b) =>
            a <= b || a - b <= _tol * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

        private bool Close(double a, double b) => Leq(a, b) && Leq(b, a);

        private static bool Finite(double x) => double.IsFinite(x);

        private static string F(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);

        private void Add(ConstraintKind kind, int route, int vehicle, int stop, int request, string message) =>
            _violations.Add(new Violation(kind, route, vehicle, stop, request, message));
    }
}
