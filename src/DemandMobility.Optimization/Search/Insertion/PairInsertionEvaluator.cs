using System.Runtime.CompilerServices;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// Evaluates inserting one request (pickup and delivery) into a <see cref="WorkingRoute"/>, in the stages
/// of MATSim DRT's insertion search: generate (pickup, delivery) position pairs → prune by load and time
/// slack in O(1) per pair → cost → exact schedule check (<see cref="ScheduleEvaluator"/>) → best.
/// </summary>
/// <remarks>
/// The O(1) time check propagates the push-forward of the new pickup through the stops up to the
/// delivery and compares with each stop's cached latest start (Savelsbergh 1992, "The vehicle routing
/// problem with time windows: minimizing route duration", ORSA J. Computing 4). For time windows,
/// capacity and shift alone it is exact; ride-time limits, a route-duration limit and breaks make it a
/// filter that never rejects a feasible pair, and the exact schedule decides.
/// </remarks>
internal sealed class PairInsertionEvaluator
{
    private const double Eps = 1e-7;
    private readonly ProblemData _data;
    private readonly ScheduleEvaluator _evaluator;
    private readonly CandidateBuffer _local = new();
    private readonly CheapestPairInsertion _cheapest;
    private StopNode[] _sequence = new StopNode[64];

    public PairInsertionEvaluator(ProblemData data, ScheduleEvaluator evaluator)
    {
        _data = data;
        _evaluator = evaluator;
        _cheapest = new CheapestPairInsertion(data);
    }

    public ScheduleEvaluator Evaluator => _evaluator;

    /// <summary>True when ride time or waiting enter the objective, so the cost needs the exact schedule.</summary>
    public bool ScheduleDependentCost => _data.Weights.RideTime != 0 || _data.Weights.Waiting != 0;

    /// <summary>Stage 1-3: adds every pair that passes the O(1) checks, with its cost estimate.</summary>
    public void Generate(WorkingRoute route, int routeIndex, int request, CandidateBuffer output)
    {
        var p = _data.Pickups[request];
        var d = _data.Deliveries[request];
        var veh = _data.Problem.Vehicles[route.Vehicle];
        var cap = veh.Capacity;
        var q = p.Delta;
        var m = _data.Matrix;
        var w = _data.Weights;
        double wd = w.Distance, wt = w.TravelTime;
        int n = route.Count;
        double fixedCost = route.Metrics.Used ? 0 : w.FixedCost * veh.FixedCost;
        bool rideLimited = !double.IsPositiveInfinity(d.MaxRide);
        bool routeExact = route.NeedsExact || rideLimited;
        double pdCost = wd * m.Distance(p.Location, d.Location) + wt * m.Duration(p.Location, d.Location);
        double pdTime = m.Duration(p.Location, d.Location);
        if (rideLimited && pdTime > d.MaxRide + Eps) return;

        for (int i = route.LockedCount; i <= n; i++)
        {
            // Departures never decrease along the route: once the vehicle leaves position i after the
            // pickup's latest start, no later position can reach the pickup in time.
            if (route.DepartAt(i) > p.Latest + Eps) break;
            // Likewise for the delivery: the pickup's departure is at least DepartAt(i) + its service, and the delivery
            // scan below stops at once when that is past the delivery's latest start.
            if (route.DepartAt(i) + p.Service > d.Latest + Eps) break;
            if (!(route.LoadAfter(i) + q).FitsWithin(cap)) continue;
            int prevLoc = route.LocationAt(i);
            double arrP = route.DepartAt(i) + m.Duration(prevLoc, p.Location);
            double bP = arrP < p.Earliest ? p.Earliest : arrP;
            if (bP > p.Latest + Eps) continue;
            double dP = bP + p.Service;
            int next1 = route.NextRealLocationAt(i + 1);
            // Detour in travel + service time on edge (i, i+1) if the delivery goes elsewhere.
            double pDetour = m.Duration(prevLoc, p.Location) + p.Service + m.Duration(p.Location, next1)
                             - m.Duration(prevLoc, next1);
            double rideSlackI = route.RideSlackAfter(i), durationSlack = route.DurationSlack;
            bool pFits = pDetour <= rideSlackI + Eps && pDetour <= durationSlack + Eps;
            double prevToP = wd * m.Distance(prevLoc, p.Location) + wt * m.Duration(prevLoc, p.Location);
            double pickupDelta = prevToP
                + wd * m.Distance(p.Location, next1) + wt * m.Duration(p.Location, next1)
                - wd * m.Distance(prevLoc, next1) - wt * m.Duration(prevLoc, next1);

            double curD = dP, waitInside = 0;
            int curLoc = p.Location;
            for (int j = i; j <= n; j++)
            {
                if (curD > d.Latest + Eps) break; // the same monotonicity for the delivery
                // The wait-free ride so far (travel and service from the pickup to stop j) only grows with j and the
                // ride to any later delivery position is at least that: past the limit no later j can pass rideOk.
                if (rideLimited && curD - dP - waitInside > d.MaxRide + Eps) break;
                double arrD = curD + m.Duration(curLoc, d.Location);
                bool rideOk = !rideLimited || arrD - dP - waitInside <= d.MaxRide + Eps;
                double bD = arrD < d.Earliest ? d.Earliest : arrD;
                if (rideOk && bD <= d.Latest + Eps)
                {
                    // Ride-time and duration filters on the detours (wait-free travel + service time).
                    int afterD = route.NextRealLocationAt(j + 1);
                    double dDetour;
                    bool slackOk;
                    if (j == i)
                    {
                        dDetour = m.Duration(prevLoc, p.Location) + p.Service + pdTime + d.Service + m.Duration(d.Location, afterD)
                                  - m.Duration(prevLoc, afterD);
                        slackOk = dDetour <= durationSlack + Eps && dDetour <= rideSlackI + Eps;
                    }
                    else
                    {
                        int beforeD = route.LocationAt(j);
                        dDetour = m.Duration(beforeD, d.Location) + d.Service + m.Duration(d.Location, afterD) - m.Duration(beforeD, afterD);
                        slackOk = pFits && dDetour + pDetour <= durationSlack + Eps && dDetour <= route.RideSlackAfter(j) + Eps;
                    }
                    if (!slackOk) goto Advance;
                    bool succBreak = route.IsBreakAt(j + 1);
                    bool timeOk = succBreak
                        || bD + d.Service + m.Duration(d.Location, route.LocationAt(j + 1)) <= route.LatestAt(j + 1) + Eps;
                    if (timeOk)
                    {
                        double cost = PairCost(m, wd, wt, route, i, j, d.Location, prevLoc, prevToP, pdCost, pickupDelta);
                        output.Add(new InsertionCandidate
                        {
                            Route = routeIndex, Pickup = i, Delivery = j, Cost = cost + fixedCost,
                            NeedsExact = routeExact || succBreak || route.IsBreakAt(i + 1),
                        });
                    }
                }
                Advance:
                if (j == n) break;
                // Carry the request past stop j (position j+1): load, time and nobody-on-board-at-a-break.
                if (route.IsBreakAt(j + 1)) break;
                if (!(route.LoadAfter(j + 1) + q).FitsWithin(cap)) break;
                ref readonly var s = ref route.Stop(j);
                int nextLoc = route.LocationAt(j + 1);
                double arr = curD + m.Duration(curLoc, nextLoc);
                if (arr > route.LatestAt(j + 1) + Eps) break;
                double b = arr < s.Earliest ? s.Earliest : arr;
                waitInside += b - arr;
                curD = b + s.Service;
                curLoc = nextLoc;
            }
        }
    }

    /// <summary>Builds the sequence with the request inserted at (i, j) into the scratch buffer.</summary>
    public ReadOnlySpan<StopNode> BuildSequence(WorkingRoute route, int request, int i, int j)
    {
        int n = route.Count;
        if (_sequence.Length < n + 2) _sequence = new StopNode[Math.Max(n + 2, _sequence.Length * 2)];
        var stops = route.Stops;
        int k = 0;
        for (int x = 0; x < i; x++) _sequence[k++] = stops[x];
        _sequence[k++] = _data.Pickups[request];
        for (int x = i; x < j; x++) _sequence[k++] = stops[x];
        _sequence[k++] = _data.Deliveries[request];
        for (int x = j; x < n; x++) _sequence[k++] = stops[x];
        return _sequence.AsSpan(0, n + 2);
    }

    /// <summary>
    /// The weighted cost change of the pickup after position <paramref name="i"/> and the delivery after
    /// <paramref name="j"/>: with <c>j == i</c> the delivery follows the pickup directly (<paramref name="prevToP"/> +
    /// <paramref name="pdCost"/>), else the pickup's own change <paramref name="pickupDelta"/> plus the delivery's detour.
    /// Shared by the candidate list and the bounded cheapest search, so both price a pair alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double PairCost(ITravelMatrix m, double wd, double wt, WorkingRoute route, int i, int j, int delivery,
        int prevLoc, double prevToP, double pdCost, double pickupDelta)
    {
        int next2 = route.NextRealLocationAt(j + 1);
        if (j == i)
            return prevToP + pdCost
                + wd * m.Distance(delivery, next2) + wt * m.Duration(delivery, next2)
                - wd * m.Distance(prevLoc, next2) - wt * m.Duration(prevLoc, next2);
        int prevD = route.LocationAt(j);
        return pickupDelta
            + wd * m.Distance(prevD, delivery) + wt * m.Duration(prevD, delivery)
            + wd * m.Distance(delivery, next2) + wt * m.Duration(delivery, next2)
            - wd * m.Distance(prevD, next2) - wt * m.Duration(prevD, next2);
    }

    /// <summary>Stage 4: the exact check. On success <paramref name="costDelta"/> is the exact change of the route's objective.</summary>
    public bool TryExact(WorkingRoute route, int request, int i, int j, out double costDelta)
    {
        var seq = BuildSequence(route, request, i, j);
        if (!_evaluator.Evaluate(route.Vehicle, seq, route.InitialLoad, out var metrics))
        {
            costDelta = double.PositiveInfinity;
            return false;
        }
        costDelta = metrics.Cost - route.Metrics.Cost;
        return true;
    }

    /// <summary>
    /// The cheapest feasible insertion of <paramref name="request"/> into <paramref name="route"/>. With a
    /// schedule-dependent objective, the best few by estimate are evaluated exactly and the cheapest kept. A caller
    /// that takes the result only below <paramref name="cutoff"/> (its best so far) may pass it: a route without a
    /// strictly cheaper insertion then reports none, and with a schedule-free cost no candidate at or above it is
    /// checked exactly.
    /// </summary>
    public bool BestInRoute(WorkingRoute route, int request, out int pickup, out int delivery, out double costDelta,
        double cutoff = double.PositiveInfinity)
    {
        pickup = delivery = -1;
        costDelta = double.PositiveInfinity;
        if (!route.Feasible || !_data.Allowed(request, route.Vehicle)) return false;
        if (_cheapest.Applies(route, request))
        {
            // Exact O(1) checks and a schedule-free cost: every candidate is exact, so the cheapest (ties: the first in
            // (pickup, delivery) order) is the answer, without sorting. On long routes the bounded search finds that
            // pair without listing all of them; on short ones its O(n) set-up costs more than the list (tight windows
            // end each delivery scan after a few stops), measured on Li & Lim 400 class 1.
            if (route.Count >= CheapestPairInsertion.MinStops)
                return _cheapest.TryFind(route, request, cutoff, out pickup, out delivery, out costDelta);
            _local.Clear();
            Generate(route, 0, request, _local);
            costDelta = cutoff;
            for (int c = 0; c < _local.Count; c++)
            {
                ref var cand = ref _local[c];
                if (cand.Cost < costDelta) { costDelta = cand.Cost; pickup = cand.Pickup; delivery = cand.Delivery; }
            }
            if (pickup < 0) costDelta = double.PositiveInfinity;
            return pickup >= 0;
        }
        _local.Clear();
        Generate(route, 0, request, _local);
        if (_local.Count == 0) return false;
        bool scheduleCost = ScheduleDependentCost;
        // A schedule-free cost makes every estimate the exact cost change, so a candidate at or above the cutoff can
        // be skipped without its exact check, and a route with none below it needs no sort at all.
        if (!scheduleCost && !AnyBelow(_local, cutoff)) return false;
        _local.SortByCost();
        int exactFound = 0;
        for (int c = 0; c < _local.Count; c++)
        {
            ref var cand = ref _local[c];
            if (!scheduleCost && cand.Cost >= cutoff) break;
            if (scheduleCost && exactFound > 0 && cand.Cost > costDelta) break;
            double delta;
            if (!cand.NeedsExact && !scheduleCost) delta = cand.Cost;
            else if (!TryExact(route, request, cand.Pickup, cand.Delivery, out delta)) continue;
            if (delta < costDelta)
            {
                costDelta = delta; pickup = cand.Pickup; delivery = cand.Delivery;
            }
            exactFound++;
            if (!scheduleCost || exactFound >= 8) break;
        }
        if (pickup >= 0 && costDelta >= cutoff)
        {
            pickup = delivery = -1;
            costDelta = double.PositiveInfinity;
        }
        return pickup >= 0;
    }

    private static bool AnyBelow(CandidateBuffer candidates, double cutoff)
    {
        for (int c = 0; c < candidates.Count; c++)
            if (candidates[c].Cost < cutoff) return true;
        return false;
    }
}
