using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Exact schedule of a fixed stop sequence: feasibility for time windows, 4-dimensional capacity,
/// pairing/precedence, breaks with nobody on board, maximum ride times, shift and maximum route duration,
/// and a schedule that delays departures so that waiting with passengers on board is minimised.
/// </summary>
/// <remarks>
/// Source: the eight-step evaluation of Cordeau &amp; Laporte (2003), "A tabu search heuristic for the
/// static multi-vehicle dial-a-ride problem", Transp. Res. B 37, Section 3.3, which builds on the forward
/// time slack of Savelsbergh (1992). Step numbers in the comments follow the paper. Positions: 0 is the
/// start, 1..n the stops, n+1 the end. The scheme is O(n²) in the worst case; callers run it only on
/// candidates that passed the O(1) checks of <see cref="WorkingRoute"/>. Known limit (Tang et al. 2010):
/// the scheme may in rare cases miss a feasible schedule when ride-time limits interact with the route
/// duration limit; it never accepts an infeasible one.
/// Scratch arrays are reused between calls, so one instance is not thread-safe.
/// </remarks>
internal sealed class ScheduleEvaluator
{
    private const double Eps = 1e-7;
    private readonly ProblemData _data;

    /// <summary>The problem this evaluator works on.</summary>
    public ProblemData Data => _data;
    private double[] _a = new double[64], _b = new double[64], _d = new double[64], _w = new double[64], _t = new double[64];
    private int[] _loc = new int[64], _partner = new int[64], _mate = new int[64];
    private readonly int[] _pickupPos;
    private int _n;
    private double _startEarliest, _endLatest, _maxDuration;

    public ScheduleEvaluator(ProblemData data)
    {
        _data = data;
        _pickupPos = new int[data.SlotCount];
        Array.Fill(_pickupPos, -1);
    }

    /// <summary>Arrival per position (0 = start, n+1 = end) of the last feasible evaluation.</summary>
    public ReadOnlySpan<double> Arrival => _a.AsSpan(0, _n + 2);
    /// <summary>Start of service per position of the last feasible evaluation.</summary>
    public ReadOnlySpan<double> ServiceStart => _b.AsSpan(0, _n + 2);
    /// <summary>Departure per position of the last feasible evaluation.</summary>
    public ReadOnlySpan<double> Departure => _d.AsSpan(0, _n + 2);

    /// <summary>
    /// Evaluates <paramref name="stops"/> on vehicle <paramref name="vehicle"/> with
    /// <paramref name="initialLoad"/> on board at the start. Returns false when no feasible schedule exists.
    /// </summary>
    public bool Evaluate(int vehicle, ReadOnlySpan<StopNode> stops, LoadVector initialLoad, out RouteMetrics metrics)
    {
        metrics = default;
        int n = stops.Length;
        Ensure(n + 2);
        _n = n;
        var veh = _data.Problem.Vehicles[vehicle];
        var m = _data.Matrix;
        _startEarliest = veh.Shift.Earliest;
        _endLatest = veh.Shift.Latest;
        _maxDuration = veh.MaxRouteDuration;

        // Capacity, pairing and breaks do not depend on the timing: check them first.
        var load = initialLoad;
        if (!load.FitsWithin(veh.Capacity)) return false;
        bool ok = true, anyRide = false;
        int i;
        for (i = 0; i < n; i++)
        {
            ref readonly var s = ref stops[i];
            _partner[i + 1] = -1;
            _mate[i + 1] = -1;
            if (s.Kind == StopKind.Pickup)
            {
                if (_pickupPos[s.Request] >= 0) { ok = false; i++; break; }
                _pickupPos[s.Request] = i + 1;
            }
            else if (s.Kind == StopKind.Delivery)
            {
                int p = _pickupPos[s.Request];
                if (p == -2 || (p < 0 && double.IsNaN(s.OnBoardSince))) { ok = false; i++; break; }
                _partner[i + 1] = p; // -1 for a request already on board
                if (p >= 0) _mate[p] = i + 1;
                _pickupPos[s.Request] = -2;
                if (!double.IsPositiveInfinity(s.MaxRide)) anyRide = true;
            }
            else if (!load.Equals(LoadVector.Zero)) { ok = false; i++; break; }
            load += s.Delta;
            if (!load.FitsWithin(veh.Capacity) || !load.IsNonNegative) { ok = false; i++; break; }
        }
        // Every pickup needs its delivery on the same route; reset the scratch map on the way.
        for (int k = 0; k < i; k++)
        {
            ref readonly var s = ref stops[k];
            if (s.Kind == StopKind.Break) continue;
            if (_pickupPos[s.Request] >= 0) ok = false;
            _pickupPos[s.Request] = -1;
        }
        if (!ok) return false;

        // Locations and travel times; a break inherits the location of the stop before it.
        _loc[0] = veh.StartLocation;
        for (i = 1; i <= n; i++)
        {
            int l = stops[i - 1].Location;
            _loc[i] = l < 0 ? _loc[i - 1] : l;
            _t[i] = m.Duration(_loc[i - 1], _loc[i]);
        }
        _loc[n + 1] = veh.EndLocation;
        _t[n + 1] = m.Duration(_loc[n], _loc[n + 1]);

        // Steps 1-3: earliest schedule; infeasible if any window is missed.
        _d[0] = _b[0] = _a[0] = _startEarliest;
        _w[0] = 0;
        if (!ForwardWithinWindows(stops)) return false;

        // Steps 4-5: delay the departure from the start as far as the forward slack and the waiting allow.
        double waitSum = 0;
        for (i = 1; i <= n; i++) waitSum += _w[i];
        if (waitSum > 0)
        {
            double f0 = ForwardSlack(stops, 0, out _);
            double delay = Math.Min(f0, waitSum);
            if (delay > 0)
            {
                _d[0] = _b[0] = _a[0] = _startEarliest + delay;
                Repropagate(stops, 1);
            }
        }

        // Steps 6-7 only ever move service later and leave the departure from the start alone, so the route duration
        // and every ride time whose pickup is already settled can only grow from here: a violation of those is final,
        // and returning at once gives the same answer as step 8 would after the whole O(n²) pass.
        if (Duration() > _maxDuration + Eps) return false;
        if (anyRide && !RideTimesHold(stops))
        {
            if (!SettledRidesHold(stops, 0)) return false; // requests already on board at the start
            // Waiting is never negative and only shrinks after a pickup that step 7 delays, so from the last position
            // with waiting on, no pickup has waiting after it to take up and the scheme leaves it where it is.
            int lastWait = 0;
            for (i = n; i >= 1; i--)
                if (_w[i] > 0) { lastWait = i; break; }
            // Steps 6-7: delay each pickup in turn by as much as its forward slack and the waiting after it allow.
            for (int j = 1; j <= n; j++)
            {
                if (stops[j - 1].Kind != StopKind.Pickup) continue;
                if (j >= lastWait)
                {
                    if (!SettledRidesHold(stops, j)) return false;
                    continue;
                }
                // F_j's scan sums the waiting after j on the way; when it ends early F_j = 0 and nothing moves.
                double fj = ForwardSlack(stops, j, out double later);
                double delay = Math.Min(fj, later);
                if (delay > 0)
                {
                    _b[j] += delay;
                    _w[j] = _b[j] - _a[j];
                    _d[j] = _b[j] + stops[j - 1].Service;
                    Repropagate(stops, j + 1);
                }
                if (!SettledRidesHold(stops, j)) return false;
            }
        }

        // Step 8: final check of everything.
        for (i = 1; i <= n + 1; i++)
            if (_b[i] > Latest(stops, i) + Eps) return false;
        if (Duration() > _maxDuration + Eps) return false;
        if (anyRide && !RideTimesHold(stops)) return false;

        double dist = 0, travel = 0, ride = 0, wait = 0;
        bool used = false;
        for (i = 1; i <= n + 1; i++)
        {
            dist += m.Distance(_loc[i - 1], _loc[i]);
            travel += _t[i];
        }
        for (i = 1; i <= n; i++)
        {
            ref readonly var s = ref stops[i - 1];
            if (s.Kind == StopKind.Pickup)
            {
                used = true;
                if (!double.IsNegativeInfinity(s.Earliest)) wait += _b[i] - s.Earliest;
            }
            else if (s.Kind == StopKind.Delivery)
            {
                used = true;
                int p = _partner[i];
                ride += _b[i] - (p >= 0 ? _d[p] : s.OnBoardSince);
            }
        }
        var wts = _data.Weights;
        double cost = used
            ? wts.Distance * dist + wts.TravelTime * travel + wts.RideTime * ride + wts.Waiting * wait + wts.FixedCost * veh.FixedCost
            : 0;
        metrics = new RouteMetrics(dist, travel, ride, wait, used, cost);
        return true;
    }

    /// <summary>The schedule of the last successful <see cref="Evaluate"/> as an immutable plan.</summary>
    public RoutePlan ToPlan(int vehicle, ReadOnlySpan<StopNode> stops)
    {
        var b = ImmutableArray.CreateBuilder<ScheduledStop>(stops.Length);
        for (int i = 1; i <= stops.Length; i++)
            b.Add(new ScheduledStop(stops[i - 1].Request, stops[i - 1].Kind, _a[i], _b[i], _d[i]));
        return new RoutePlan(vehicle, _d[0], b.MoveToImmutable(), _a[stops.Length + 1]);
    }

    private double Duration() => _a[_n + 1] - _d[0];

    private double Latest(ReadOnlySpan<StopNode> stops, int i) => i == _n + 1 ? _endLatest : stops[i - 1].Latest;

    /// <summary>Steps 1-3: the earliest schedule from the start, ending at the first missed window (or end of shift):
    /// every later step only moves service later, so that miss is final.</summary>
    private bool ForwardWithinWindows(ReadOnlySpan<StopNode> stops)
    {
        int n = _n;
        for (int i = 1; i <= n; i++)
        {
            ref readonly var s = ref stops[i - 1];
            double a = _d[i - 1] + _t[i];
            double b = a < s.Earliest ? s.Earliest : a;
            if (b > s.Latest + Eps) return false;
            _a[i] = a; _b[i] = b; _w[i] = b - a; _d[i] = b + s.Service;
        }
        double ae = _d[n] + _t[n + 1];
        _a[n + 1] = _b[n + 1] = _d[n + 1] = ae;
        _w[n + 1] = 0;
        return ae <= _endLatest + Eps;
    }

    /// <summary>
    /// Re-runs the forward pass from <paramref name="from"/> after an earlier departure moved, stopping at the first
    /// position whose departure comes out unchanged: everything after it depends on that departure only, so the values
    /// are the same as a full pass would give. Needs the arrays of a complete earlier pass.
    /// </summary>
    private void Repropagate(ReadOnlySpan<StopNode> stops, int from)
    {
        int n = _n;
        for (int i = from; i <= n; i++)
        {
            ref readonly var s = ref stops[i - 1];
            double a = _d[i - 1] + _t[i];
            double b = a < s.Earliest ? s.Earliest : a;
            double d = b + s.Service;
            bool unchanged = d == _d[i];
            _a[i] = a; _b[i] = b; _w[i] = b - a; _d[i] = d;
            if (unchanged) return;
        }
        double ae = _d[n] + _t[n + 1];
        _a[n + 1] = _b[n + 1] = _d[n + 1] = ae;
    }

    /// <summary>
    /// Ride limit of the request picked up at position <paramref name="j"/> (0: every request on board at the start).
    /// Called once step 7 has passed j, when that pickup's departure is final and its drop-off can only move later.
    /// </summary>
    private bool SettledRidesHold(ReadOnlySpan<StopNode> stops, int j)
    {
        if (j > 0)
        {
            int del = _mate[j];
            if (del < 0) return true;
            ref readonly var s = ref stops[del - 1];
            return double.IsPositiveInfinity(s.MaxRide) || _b[del] - _d[j] <= s.MaxRide + Eps;
        }
        for (int i = 1; i <= _n; i++)
        {
            ref readonly var s = ref stops[i - 1];
            if (s.Kind != StopKind.Delivery || _partner[i] >= 0 || double.IsPositiveInfinity(s.MaxRide)) continue;
            if (_b[i] - s.OnBoardSince > s.MaxRide + Eps) return false;
        }
        return true;
    }

    private bool RideTimesHold(ReadOnlySpan<StopNode> stops)
    {
        for (int i = 1; i <= _n; i++)
        {
            ref readonly var s = ref stops[i - 1];
            if (s.Kind != StopKind.Delivery || double.IsPositiveInfinity(s.MaxRide)) continue;
            int p = _partner[i];
            double ride = _b[i] - (p >= 0 ? _d[p] : s.OnBoardSince);
            if (ride > s.MaxRide + Eps) return false;
        }
        return true;
    }

    /// <summary>
    /// Forward time slack F_i (Cordeau &amp; Laporte 2003, eq. for F_i): how far service at position i can be
    /// delayed without violating a later window, the ride time of a request picked up before i, or
    /// (for i &gt; 0) the route duration. <paramref name="waitAfter"/> is the waiting after i summed as far as the scan
    /// went: all of it, or at least the result, so that min(result, waitAfter) is the same as with the full sum. The scan
    /// ends once the waiting summed reaches the best bound: every later candidate is that waiting plus a room ≥ 0.
    /// </summary>
    private double ForwardSlack(ReadOnlySpan<StopNode> stops, int i, out double waitAfter)
    {
        waitAfter = 0;
        double best = double.PositiveInfinity, waitSum = 0;
        for (int j = i; j <= _n + 1; j++)
        {
            if (j > i)
            {
                waitSum += _w[j];
                if (waitSum >= best) break;
            }
            if (j == 0) continue; // the start itself has no window: only later stops bound the delay
            double room;
            if (j == _n + 1)
            {
                room = _endLatest - _b[j];
                if (i > 0) room = Math.Min(room, _d[0] + _maxDuration - _a[j]);
            }
            else
            {
                ref readonly var s = ref stops[j - 1];
                room = s.Latest - _b[j];
                if (j > i && s.Kind == StopKind.Delivery && !double.IsPositiveInfinity(s.MaxRide))
                {
                    int p = _partner[j];
                    if (p < i) // picked up before i (or already on board): delaying i lengthens its ride
                    {
                        double ride = _b[j] - (p >= 0 ? _d[p] : s.OnBoardSince);
                        room = Math.Min(room, s.MaxRide - ride);
                    }
                }
            }
            double cand = waitSum + (room > 0 ? room : 0);
            if (cand < best) best = cand;
            if (best <= 0) return 0;
        }
        waitAfter = waitSum;
        return best;
    }

    private void Ensure(int size)
    {
        if (_a.Length >= size) return;
        int s = Math.Max(size, _a.Length * 2);
        _a = new double[s]; _b = new double[s]; _d = new double[s]; _w = new double[s]; _t = new double[s];
        _loc = new int[s]; _partner = new int[s]; _mate = new int[s];
    }
}
