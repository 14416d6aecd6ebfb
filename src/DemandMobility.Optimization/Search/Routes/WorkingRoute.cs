using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// The mutable route of one vehicle inside a search, with per-position caches for O(1) insertion checks.
/// </summary>
/// <remarks>
/// Index convention (used by every cache array): position 0 is the vehicle's start, positions 1..n are
/// the stops <c>Stops[0..n-1]</c>, position n+1 is the end. "Insert before stop k" therefore means
/// "between positions k and k+1". Caches: earliest service start and departure (forward, departing at
/// the shift start), latest feasible service start (backward, Savelsbergh 1992), load on board when
/// leaving each position, effective location (a break inherits its predecessor's) and the next
/// non-break location. They are rebuilt by <see cref="Update"/>; a debug-only flag catches reads of stale
/// caches after a mutation (as PyVRP does).
/// </remarks>
internal sealed class WorkingRoute
{
    /// <summary>Tolerance of the window checks, the same as <see cref="ScheduleEvaluator"/>'s.</summary>
    private const double Eps = 1e-7;
    private StopNode[] _stops = new StopNode[16];
    private double[] _start = new double[18], _depart = new double[18], _latest = new double[18];
    private int[] _loc = new int[18], _nextReal = new int[18];
    private LoadVector[] _load = new LoadVector[18];
    private double[] _rideSlack = new double[18];
    private RouteSegment[] _head = new RouteSegment[18], _tail = new RouteSegment[18];
    private RouteSegment _endSegment;
    private bool _segmentsFresh;
#if DEBUG
    private bool _stale = true;
#endif

    public WorkingRoute(int vehicle, LoadVector initialLoad, int lockedCount)
    {
        Vehicle = vehicle;
        InitialLoad = initialLoad;
        LockedCount = lockedCount;
    }

    public int Vehicle { get; }
    /// <summary>Load on board when leaving the start (requests already on board).</summary>
    public LoadVector InitialLoad { get; }
    /// <summary>Number of leading stops that may not be moved (live state).</summary>
    public int LockedCount { get; }
    public int Count { get; private set; }
    /// <summary>Number of pickup and delivery stops (breaks excluded).</summary>
    public int RequestStops { get; private set; }
    /// <summary>True when the current sequence has a feasible schedule (set by <see cref="Update"/>).</summary>
    public bool Feasible { get; private set; }
    /// <summary>Exact metrics of the current sequence (set by <see cref="Update"/>).</summary>
    public RouteMetrics Metrics { get; private set; }
    /// <summary>True when some stop has a finite ride-time limit or the vehicle a duration limit or a break:
    /// then the O(1) checks are only a filter and candidates need the exact evaluation.</summary>
    public bool NeedsExact { get; private set; }
    /// <summary>True when no stop is a break, so that <see cref="EnsureSegments"/> can build the segments (set by
    /// <see cref="Update"/>).</summary>
    public bool HasSegments { get; private set; }
    /// <summary>True when some delivery on the route has a finite ride-time limit (set by <see cref="Update"/>).</summary>
    public bool HasRideLimits { get; private set; }
    /// <summary>Incremented on every mutation, so that callers can cache per-route results.</summary>
    public int Version { get; private set; }

    public ReadOnlySpan<StopNode> Stops => _stops.AsSpan(0, Count);

    public ref readonly StopNode Stop(int index) => ref _stops[index];

    // Cache accessors by position (0 = start, n+1 = end).
    public double StartAt(int pos) { AssertFresh(); return _start[pos]; }
    public double DepartAt(int pos) { AssertFresh(); return _depart[pos]; }
    public double LatestAt(int pos) { AssertFresh(); return _latest[pos]; }
    public int LocationAt(int pos) { AssertFresh(); return _loc[pos]; }
    public int NextRealLocationAt(int pos) { AssertFresh(); return _nextReal[pos]; }
    public LoadVector LoadAfter(int pos) { AssertFresh(); return _load[pos]; }
    /// <summary>
    /// Smallest ride-time slack over the requests on board between positions pos and pos+1: how much extra
    /// travel and service a detour on that edge may add at most. Slack is measured against the ride time
    /// without any waiting, so it is an upper bound (a filter), never tighter than the truth.
    /// </summary>
    public double RideSlackAfter(int pos) { AssertFresh(); return _rideSlack[pos]; }
    /// <summary>Slack of the route-duration limit against the route's travel and service time alone (a filter bound).</summary>
    public double DurationSlack { get; private set; }
    /// <summary>Segment of positions 0..pos (the start and stops 1..pos); requires <see cref="EnsureSegments"/>.</summary>
    public ref readonly RouteSegment HeadTo(int pos) { AssertSegments(); return ref _head[pos]; }
    /// <summary>Segment of stops pos..n without the end (1 ≤ pos ≤ n); requires <see cref="EnsureSegments"/>.</summary>
    public ref readonly RouteSegment TailFrom(int pos) { AssertSegments(); return ref _tail[pos]; }
    /// <summary>Segment of the end position of this route's vehicle; requires <see cref="EnsureSegments"/>.</summary>
    public ref readonly RouteSegment EndSegment { get { AssertSegments(); return ref _endSegment; } }
    public bool IsBreakAt(int pos) => pos >= 1 && pos <= Count && _stops[pos - 1].Kind == StopKind.Break;

    /// <summary>Appends a stop (no cache update).</summary>
    public void Add(in StopNode node) => InsertAt(Count, node);

    /// <summary>Inserts a stop before stop <paramref name="index"/> (no cache update).</summary>
    public void InsertAt(int index, in StopNode node)
    {
        if (Count == _stops.Length) Array.Resize(ref _stops, Count * 2);
        Array.Copy(_stops, index, _stops, index + 1, Count - index);
        _stops[index] = node;
        Count++;
        MarkStale();
    }

    /// <summary>Inserts a request's pickup before stop <paramref name="pickupBefore"/> and its delivery before
    /// stop <paramref name="deliveryBefore"/> (indices of the route before insertion), then updates.</summary>
    public void InsertPair(in StopNode pickup, in StopNode delivery, int pickupBefore, int deliveryBefore, ScheduleEvaluator evaluator)
    {
        InsertAt(deliveryBefore, delivery);
        InsertAt(pickupBefore, pickup);
        Update(evaluator);
    }

    /// <summary>Removes both stops of a request (not locked ones) and updates. Returns false if absent.</summary>
    public bool RemoveRequest(int request, ScheduleEvaluator evaluator)
    {
        int w = 0;
        bool found = false;
        for (int i = 0; i < Count; i++)
        {
            if (i >= LockedCount && _stops[i].Request == request && _stops[i].Kind != StopKind.Break) { found = true; continue; }
            _stops[w++] = _stops[i];
        }
        if (!found) return false;
        Count = w;
        MarkStale();
        Update(evaluator);
        return true;
    }

    /// <summary>Removes the stop at <paramref name="index"/> (no cache update).</summary>
    public void RemoveAt(int index)
    {
        Array.Copy(_stops, index + 1, _stops, index, Count - index - 1);
        Count--;
        MarkStale();
    }

    /// <summary>Replaces the whole stop sequence (no cache update).</summary>
    public void SetStops(ReadOnlySpan<StopNode> stops)
    {
        if (_stops.Length < stops.Length) _stops = new StopNode[Math.Max(stops.Length, _stops.Length * 2)];
        stops.CopyTo(_stops);
        Count = stops.Length;
        MarkStale();
    }

    /// <summary>Rebuilds all caches and the exact metrics.</summary>
    public void Update(ScheduleEvaluator evaluator)
    {
        var data = evaluator.Data;
        var veh = data.Problem.Vehicles[Vehicle];
        var m = data.Matrix;
        int n = Count;
        EnsureCaches(n + 2);
        _loc[0] = veh.StartLocation;
        _depart[0] = _start[0] = veh.Shift.Earliest;
        _load[0] = InitialLoad;
        bool needsExact = !double.IsPositiveInfinity(veh.MaxRouteDuration);
        int reqStops = 0;
        bool breaks = false, rideLimits = false;
        for (int i = 1; i <= n; i++)
        {
            ref readonly var s = ref _stops[i - 1];
            _loc[i] = s.Location < 0 ? _loc[i - 1] : s.Location;
            double a = _depart[i - 1] + m.Duration(_loc[i - 1], _loc[i]);
            _start[i] = a < s.Earliest ? s.Earliest : a;
            _depart[i] = _start[i] + s.Service;
            _load[i] = _load[i - 1] + s.Delta;
            if (s.Kind == StopKind.Break) needsExact = breaks = true;
            else
            {
                reqStops++;
                if (s.Kind == StopKind.Delivery && !double.IsPositiveInfinity(s.MaxRide)) needsExact = rideLimits = true;
            }
        }
        _loc[n + 1] = veh.EndLocation;
        _start[n + 1] = _depart[n + 1] = _depart[n] + m.Duration(_loc[n], _loc[n + 1]);
        _load[n + 1] = _load[n];
        _latest[n + 1] = veh.Shift.Latest;
        _nextReal[n + 1] = veh.EndLocation;
        for (int i = n; i >= 1; i--)
        {
            ref readonly var s = ref _stops[i - 1];
            double viaNext = _latest[i + 1] - m.Duration(_loc[i], _loc[i + 1]) - s.Service;
            _latest[i] = viaNext < s.Latest ? viaNext : s.Latest;
            _nextReal[i] = s.Kind == StopKind.Break ? _nextReal[i + 1] : _loc[i];
        }
        _latest[0] = _latest[1] - m.Duration(_loc[0], _loc[1]);
        _nextReal[0] = _loc[0];
        RequestStops = reqStops;
        NeedsExact = needsExact;
        HasSegments = !breaks;
        HasRideLimits = rideLimits;
        _segmentsFresh = false;
        ComputeRideSlack(data, n);
        Feasible = evaluator.Evaluate(Vehicle, Stops, InitialLoad, out var metrics);
        Metrics = metrics;
        Version++;
#if DEBUG
        _stale = false;
#endif
    }

    /// <summary>Converts the route to an immutable plan with the exact schedule (requires a feasible route).</summary>
    public RoutePlan ToPlan(ScheduleEvaluator evaluator)
    {
        evaluator.Evaluate(Vehicle, Stops, InitialLoad, out _);
        return evaluator.ToPlan(Vehicle, Stops);
    }

    /// <summary>Copies stops and state from another route of the same vehicle (no reallocation on the hot path).</summary>
    public void CopyFrom(WorkingRoute other)
    {
        Debug.Assert(other.Vehicle == Vehicle);
        SetStops(other.Stops);
        EnsureCaches(other.Count + 2);
        int len = other.Count + 2;
        Array.Copy(other._start, _start, len); Array.Copy(other._depart, _depart, len); Array.Copy(other._latest, _latest, len);
        Array.Copy(other._loc, _loc, len); Array.Copy(other._nextReal, _nextReal, len); Array.Copy(other._load, _load, len);
        Array.Copy(other._rideSlack, _rideSlack, len);
        DurationSlack = other.DurationSlack;
        HasSegments = other.HasSegments; HasRideLimits = other.HasRideLimits;
        _segmentsFresh = false; // rebuilt on demand: most copies are never searched by the moves
        RequestStops = other.RequestStops; Feasible = other.Feasible; Metrics = other.Metrics; NeedsExact = other.NeedsExact;
        Version++;
#if DEBUG
        _stale = false;
#endif
    }

    /// <summary>
    /// Makes this route (a scratch route of the same vehicle, initial load and locked stops) <paramref name="source"/>
    /// without the requests of <paramref name="removed"/>, as <see cref="SetStops"/> and <see cref="Update"/> would,
    /// recomputing only what the removal changes: the ejection and relocation checks of route minimisation ask
    /// "does the request fit into this route without these one or two requests?" thousands of times per second.
    /// </summary>
    /// <remarks>
    /// Where the source's caches are exact for its feasibility (no ride-time or route-duration limit, no break:
    /// <see cref="NeedsExact"/> false) and the objective has no weight on ride time and waiting, the caches are taken
    /// from the source and recomputed only over the changed segment (the forward pass of Savelsbergh 1992 from the
    /// first removed position until the departures meet the source's again after the last one; the backward latest
    /// starts from the last removed position until they meet before the first one), with the same arithmetic as
    /// <see cref="Update"/>, so every cache, <see cref="Feasible"/> and <see cref="Metrics"/>.Used equal the rebuilt
    /// route's bit for bit. The metrics' distance and travel time are the source's with the arcs around the removed
    /// runs replaced (equal to a rebuild up to rounding); ride time and waiting are not computed (NaN): the objective
    /// does not weigh them on this path. Anything else (ride-time limits: DARP) takes the full <see cref="Update"/>
    /// and its exact schedule.
    /// </remarks>
    public void CopyWithout(WorkingRoute source, ReadOnlySpan<int> removed, ScheduleEvaluator evaluator)
    {
        source.AssertFresh();
        Debug.Assert(source.Vehicle == Vehicle && source.InitialLoad == InitialLoad && source.LockedCount == LockedCount);
        int n0 = source.Count;
        if (_stops.Length < n0) _stops = new StopNode[Math.Max(n0, _stops.Length * 2)];
        // Source positions (1-based) of the removed stops, in order: two per removed request.
        Span<int> gone = removed.Length <= 16 ? stackalloc int[2 * removed.Length] : new int[2 * removed.Length];
        int n = 0, g = 0;
        for (int k = 0; k < n0; k++)
        {
            ref readonly var s = ref source._stops[k];
            if (k >= LockedCount && s.Kind != StopKind.Break && g < gone.Length && removed.Contains(s.Request))
            {
                gone[g++] = k + 1;
                continue;
            }
            _stops[n++] = s;
        }
        int first = g > 0 ? gone[0] : -1, last = g > 0 ? gone[g - 1] : -1;
        Count = n;
        MarkStale();
        var data = evaluator.Data;
        var w = data.Weights;
        if (first < 0 || source.NeedsExact || !source.Feasible || w.RideTime != 0 || w.Waiting != 0)
        {
            Update(evaluator);
            return;
        }
        EnsureCaches(n + 2);
        var veh = data.Problem.Vehicles[Vehicle];
        var m = data.Matrix;
        int shift = n0 - n;
        // Reduced positions from here on are the source's positions + shift (the same stops, the same end).
        int unchangedFrom = last - shift + 1;
        bool feasible = true;

        // Forward: positions before the first removed stop are the source's.
        Array.Copy(source._loc, _loc, first);
        Array.Copy(source._start, _start, first);
        Array.Copy(source._depart, _depart, first);
        Array.Copy(source._load, _load, first);
        int k2 = first;
        for (; k2 <= n; k2++)
        {
            ref readonly var s = ref _stops[k2 - 1];
            _loc[k2] = s.Location;
            double a = _depart[k2 - 1] + m.Duration(_loc[k2 - 1], _loc[k2]);
            _start[k2] = a < s.Earliest ? s.Earliest : a;
            _depart[k2] = _start[k2] + s.Service;
            _load[k2] = _load[k2 - 1] + s.Delta;
            if (_start[k2] > s.Latest + Eps || !_load[k2].FitsWithin(veh.Capacity) || !_load[k2].IsNonNegative) feasible = false;
            // Past the removed stops with the source's departure: the rest is computed from equal values.
            if (k2 >= unchangedFrom && _depart[k2] == source._depart[k2 + shift]) break;
        }
        if (k2 <= n)
        {
            int len = n + 2 - (k2 + 1);
            Array.Copy(source._loc, k2 + 1 + shift, _loc, k2 + 1, len);
            Array.Copy(source._start, k2 + 1 + shift, _start, k2 + 1, len);
            Array.Copy(source._depart, k2 + 1 + shift, _depart, k2 + 1, len);
            Array.Copy(source._load, k2 + 1 + shift, _load, k2 + 1, len);
        }
        else
        {
            _loc[n + 1] = veh.EndLocation;
            _start[n + 1] = _depart[n + 1] = _depart[n] + m.Duration(_loc[n], _loc[n + 1]);
            _load[n + 1] = _load[n];
            if (_start[n + 1] > veh.Shift.Latest + Eps) feasible = false;
        }

        // Backward: positions after the last removed stop keep the source's latest start.
        Array.Copy(source._latest, unchangedFrom + shift, _latest, unchangedFrom, n + 2 - unchangedFrom);
        int b = unchangedFrom - 1;
        for (; b >= 1; b--)
        {
            ref readonly var s = ref _stops[b - 1];
            double viaNext = _latest[b + 1] - m.Duration(_loc[b], _loc[b + 1]) - s.Service;
            _latest[b] = viaNext < s.Latest ? viaNext : s.Latest;
            if (b < first && _latest[b] == source._latest[b]) break;
        }
        if (b >= 1) Array.Copy(source._latest, _latest, b);
        else _latest[0] = _latest[1] - m.Duration(_loc[0], _loc[1]);
        Array.Copy(_loc, _nextReal, n + 2); // no break: every position is its own next real location
        Array.Fill(_rideSlack, double.PositiveInfinity, 0, n + 2);
        DurationSlack = source.DurationSlack;

        // Distance and travel: the source's, with each run of removed stops bridged by one arc.
        double dist = source.Metrics.Distance, travel = source.Metrics.TravelTime;
        for (int r = 0; r < g;)
        {
            int from = gone[r] - 1, to = gone[r] + 1; // the kept positions around a run of removed ones
            while (++r < g && gone[r] == to) to++;
            for (int x = from; x < to; x++)
            {
                dist -= m.Distance(source._loc[x], source._loc[x + 1]);
                travel -= m.Duration(source._loc[x], source._loc[x + 1]);
            }
            dist += m.Distance(source._loc[from], source._loc[to]);
            travel += m.Duration(source._loc[from], source._loc[to]);
        }
        RequestStops = source.RequestStops - shift;
        bool used = RequestStops > 0;
        double cost = used ? w.Distance * dist + w.TravelTime * travel + w.FixedCost * veh.FixedCost : 0;
        Metrics = new RouteMetrics(dist, travel, double.NaN, double.NaN, used, cost);
        Feasible = feasible;
        NeedsExact = false;
        HasSegments = true;
        HasRideLimits = false;
        _segmentsFresh = false;
        Version++;
#if DEBUG
        _stale = false;
#endif
    }

    private void EnsureCaches(int size)
    {
        if (_start.Length >= size) return;
        int s = Math.Max(size, _start.Length * 2);
        _start = new double[s]; _depart = new double[s]; _latest = new double[s];
        _loc = new int[s]; _nextReal = new int[s]; _load = new LoadVector[s];
        _rideSlack = new double[s];
        _head = new RouteSegment[s]; _tail = new RouteSegment[s];
    }

    /// <summary>
    /// Builds the prefix and suffix segments (Vidal et al. 2013, Section 4.3) if the route changed since they were
    /// last built: with them, any route made of a head of one route, a few stops and a tail of another is
    /// checked in O(1). Built on demand because the ruin-and-recreate iterations change and copy routes far
    /// more often than the moves read them. Routes with a break get none (<see cref="HasSegments"/>).
    /// </summary>
    public void EnsureSegments(ProblemData data)
    {
        AssertFresh();
        if (_segmentsFresh || !HasSegments) return;
        var veh = data.Problem.Vehicles[Vehicle];
        var m = data.Matrix;
        int n = Count;
        _endSegment = RouteSegment.Depot(veh.EndLocation, veh.Shift.Earliest, veh.Shift.Latest);
        _head[0] = RouteSegment.Depot(veh.StartLocation, veh.Shift.Earliest, veh.Shift.Latest);
        for (int i = 1; i <= n; i++) _head[i] = RouteSegment.Concat(_head[i - 1], RouteSegment.Of(_stops[i - 1]), m);
        if (n > 0)
        {
            _tail[n] = RouteSegment.Of(_stops[n - 1]);
            for (int i = n - 1; i >= 1; i--) _tail[i] = RouteSegment.Concat(RouteSegment.Of(_stops[i - 1]), _tail[i + 1], m);
        }
        _segmentsFresh = true;
    }

    /// <summary>
    /// Fills <see cref="RideSlackAfter"/> and <see cref="DurationSlack"/>. The wait-free ride of a request is
    /// the travel and service time between its pickup's departure and its delivery's arrival; any
    /// insertion inside its span adds at least its detour to that, whatever the waiting.
    /// </summary>
    private void ComputeRideSlack(ProblemData data, int n)
    {
        var m = data.Matrix;
        var veh = data.Problem.Vehicles[Vehicle];
        // Wait-free clock: travel + service time from the start to each position's departure.
        Span<double> clock = n + 2 <= 256 ? stackalloc double[n + 2] : new double[n + 2];
        clock[0] = 0;
        for (int i = 1; i <= n + 1; i++)
        {
            double service = i <= n ? _stops[i - 1].Service : 0;
            clock[i] = clock[i - 1] + m.Duration(_loc[i - 1], _loc[i]) + service;
        }
        DurationSlack = veh.MaxRouteDuration - clock[n + 1];
        for (int i = 0; i <= n + 1; i++) _rideSlack[i] = double.PositiveInfinity;
        for (int b = 1; b <= n; b++)
        {
            ref readonly var s = ref _stops[b - 1];
            if (s.Kind != StopKind.Delivery || double.IsPositiveInfinity(s.MaxRide)) continue;
            int a = 0;
            double minRide;
            double arrivalClock = clock[b] - s.Service;
            if (!double.IsNaN(s.OnBoardSince))
                minRide = arrivalClock + (_start[0] - s.OnBoardSince); // from the pickup long ago, via the start
            else
            {
                for (a = b - 1; a >= 1; a--)
                    if (_stops[a - 1].Request == s.Request && _stops[a - 1].Kind == StopKind.Pickup) break;
                if (a < 1) continue;
                minRide = arrivalClock - clock[a];
            }
            double slack = s.MaxRide - minRide;
            for (int k = a; k < b; k++)
                if (slack < _rideSlack[k]) _rideSlack[k] = slack;
        }
    }

    private void MarkStale()
    {
        _segmentsFresh = false;
#if DEBUG
        _stale = true;
#endif
    }

    [Conditional("DEBUG")]
    private void AssertSegments()
    {
        AssertFresh();
        if (!_segmentsFresh) throw new InvalidOperationException("WorkingRoute segments are stale: call EnsureSegments() first.");
    }

    [Conditional("DEBUG")]
    private void AssertFresh()
    {
#if DEBUG
        if (_stale) throw new InvalidOperationException("WorkingRoute caches are stale: call Update() after changing the stops.");
#endif
    }
}
