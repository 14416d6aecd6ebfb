using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// The cheapest insertion of one request into a route whose O(1) checks are exact (no ride-time limit, no
/// route-duration limit, no break, an objective of distance and travel time only: Li &amp; Lim's PDPTW), found
/// without listing every (pickup, delivery) position pair.
/// </summary>
/// <remarks>
/// <para>
/// The cost of inserting the pickup before stop i and the delivery before stop j &gt; i splits into the pickup's
/// detour on edge i and the delivery's detour on edge j, which does not depend on i. With the suffix minima of the
/// delivery detours, every pickup position gets a lower bound on all its pairs in O(1); positions are then scanned
/// in the order of their bounds and the scan stops at the first bound above the best cost found (bounding as in
/// branch and bound; the same decomposition underlies the O(n) insertion of Savelsbergh 1992, "The vehicle routing
/// problem with time windows: minimizing route duration", ORSA J. Computing 4). Inside a pickup position the
/// delivery scan also stops once the suffix bound exceeds the best. Neither bound needs the triangle inequality.
/// </para>
/// <para>
/// The feasibility checks and cost expressions are those of <see cref="PairInsertionEvaluator.Generate"/>, so the
/// result is the same pair that evaluator's full list gives when sorted by cost with ties in (pickup, delivery)
/// order: the cheapest, and among equally cheap pairs the one with the smallest pickup, then delivery position.
/// </para>
/// </remarks>
internal sealed class CheapestPairInsertion
{
    private const double Eps = 1e-7;
    /// <summary>Routes shorter than this are searched through the full candidate list (<see cref="PairInsertionEvaluator.BestInRoute"/>).</summary>
    public const int MinStops = 24;
    private readonly ProblemData _data;
    private double[] _suffixDetour = new double[64];
    private double[] _bound = new double[64];
    private double[] _pickupDelta = new double[64];
    private int[] _position = new int[64];

    public CheapestPairInsertion(ProblemData data) => _data = data;

    /// <summary>True when the checks of <see cref="PairInsertionEvaluator.Generate"/> are exact for this route and
    /// request and the cost needs no schedule, which this search requires.</summary>
    public bool Applies(WorkingRoute route, int request) =>
        !route.NeedsExact && double.IsPositiveInfinity(_data.Deliveries[request].MaxRide)
        && _data.Weights.RideTime == 0 && _data.Weights.Waiting == 0;

    /// <summary>
    /// The cheapest feasible insertion (cost including the vehicle's fixed cost when the route is unused) that costs
    /// less than <paramref name="cutoff"/> (a caller's best over other routes: the bounds then prune from the start),
    /// or false when none does. Requires <see cref="Applies"/>.
    /// </summary>
    public bool TryFind(WorkingRoute route, int request, double cutoff, out int pickup, out int delivery, out double cost)
    {
        pickup = delivery = -1;
        cost = cutoff;
        var p = _data.Pickups[request];
        var d = _data.Deliveries[request];
        var veh = _data.Problem.Vehicles[route.Vehicle];
        var cap = veh.Capacity;
        var q = p.Delta;
        var m = _data.Matrix;
        var w = _data.Weights;
        double wd = w.Distance, wt = w.TravelTime;
        int n = route.Count;
        int first = route.LockedCount;
        double fixedCost = route.Metrics.Used ? 0 : w.FixedCost * veh.FixedCost;
        double pdCost = wd * m.Distance(p.Location, d.Location) + wt * m.Duration(p.Location, d.Location);
        EnsureCapacity(n + 2);

        // Pickup positions that pass the pickup's own checks, with the pickup's detour and the cost of the delivery
        // right after it.
        int count = 0;
        for (int i = first; i <= n; i++)
        {
            if (route.DepartAt(i) > p.Latest + Eps) break; // departures never decrease along the route
            if (!(route.LoadAfter(i) + q).FitsWithin(cap)) continue;
            int prevLoc = route.LocationAt(i);
            double arrP = route.DepartAt(i) + m.Duration(prevLoc, p.Location);
            double bP = arrP < p.Earliest ? p.Earliest : arrP;
            if (bP > p.Latest + Eps) continue;
            int next1 = route.NextRealLocationAt(i + 1);
            double prevToP = wd * m.Distance(prevLoc, p.Location) + wt * m.Duration(prevLoc, p.Location);
            _pickupDelta[count] = prevToP
                + wd * m.Distance(p.Location, next1) + wt * m.Duration(p.Location, next1)
                - wd * m.Distance(prevLoc, next1) - wt * m.Duration(prevLoc, next1);
            _bound[count] = prevToP + pdCost
                + wd * m.Distance(d.Location, next1) + wt * m.Duration(d.Location, next1)
                - wd * m.Distance(prevLoc, next1) - wt * m.Duration(prevLoc, next1);
            _position[count] = i;
            count++;
        }
        if (count == 0) return false;
        double best = cutoff - fixedCost; // without the fixed cost, which is the same for every pair

        // Delivery detour on edge j (before stop j, after the earliest pickup position) and its suffix minima, over the
        // edges the delivery can reach: departures never decrease, and inserting the pair only delays them, so after
        // the last position that leaves by the delivery's latest start no delivery scan goes on (it stops there).
        int lastDelivery = _position[0];
        while (lastDelivery < n && route.DepartAt(lastDelivery + 1) <= d.Latest + Eps) lastDelivery++;
        Array.Fill(_suffixDetour, double.PositiveInfinity, lastDelivery + 1, n + 1 - lastDelivery);
        for (int j = lastDelivery; j > _position[0]; j--)
        {
            int prevD = route.LocationAt(j), next2 = route.NextRealLocationAt(j + 1);
            double detour = wd * m.Distance(prevD, d.Location) + wt * m.Duration(prevD, d.Location)
                + wd * m.Distance(d.Location, next2) + wt * m.Duration(d.Location, next2)
                - wd * m.Distance(prevD, next2) - wt * m.Duration(prevD, next2);
            _suffixDetour[j] = Math.Min(detour, _suffixDetour[j + 1]);
        }
        for (int k = 0; k < count; k++)
        {
            int i = _position[k];
            double later = _pickupDelta[k] + _suffixDetour[i + 1];
            if (later < _bound[k]) _bound[k] = later;
        }

        // The position with the smallest bound first (its pairs are usually the cheapest), then every other whose bound
        // is still within reach of the best found.
        int cheapestBound = 0;
        for (int k = 1; k < count; k++)
            if (_bound[k] < _bound[cheapestBound]) cheapestBound = k;
        for (int k = -1; k < count; k++)
        {
            int at = k < 0 ? cheapestBound : k;
            if (k == cheapestBound || _bound[at] > best + Slack(best, fixedCost)) continue;
            ScanDeliveries(route, request, _position[at], ref best, ref pickup, ref delivery, ref cost, fixedCost);
        }
        if (pickup < 0) cost = double.PositiveInfinity;
        return pickup >= 0;
    }

    /// <summary>Rounding margin for the bounds: they sum the same terms as the costs in another order, and pairs are
    /// compared with the fixed cost added (so pairs whose costs differ by less than its rounding tie).</summary>
    private static double Slack(double best, double fixedCost) =>
        double.IsPositiveInfinity(best) ? 0 : 1e-9 * (1 + Math.Abs(best) + fixedCost);

    /// <summary>The delivery positions for pickup position <paramref name="i"/>: the inner loop of
    /// <see cref="PairInsertionEvaluator.Generate"/> (same checks, same cost expressions), bounded by the suffix minima.</summary>
    private void ScanDeliveries(WorkingRoute route, int request, int i, ref double best, ref int pickup, ref int delivery,
        ref double costWithFixed, double fixedCost)
    {
        var p = _data.Pickups[request];
        var d = _data.Deliveries[request];
        var cap = _data.Problem.Vehicles[route.Vehicle].Capacity;
        var q = p.Delta;
        var m = _data.Matrix;
        var w = _data.Weights;
        double wd = w.Distance, wt = w.TravelTime;
        int n = route.Count;
        double pdCost = wd * m.Distance(p.Location, d.Location) + wt * m.Duration(p.Location, d.Location);
        int prevLoc = route.LocationAt(i);
        double arrP = route.DepartAt(i) + m.Duration(prevLoc, p.Location);
        double bP = arrP < p.Earliest ? p.Earliest : arrP;
        double dP = bP + p.Service;
        int next1 = route.NextRealLocationAt(i + 1);
        double prevToP = wd * m.Distance(prevLoc, p.Location) + wt * m.Duration(prevLoc, p.Location);
        double pickupDelta = prevToP
            + wd * m.Distance(p.Location, next1) + wt * m.Duration(p.Location, next1)
            - wd * m.Distance(prevLoc, next1) - wt * m.Duration(prevLoc, next1);

        double curD = dP;
        int curLoc = p.Location;
        for (int j = i; j <= n; j++)
        {
            if (curD > d.Latest + Eps) break;
            if (j > i && pickupDelta + _suffixDetour[j] > best + Slack(best, fixedCost)) break; // no later delivery can win
            double arrD = curD + m.Duration(curLoc, d.Location);
            double bD = arrD < d.Earliest ? d.Earliest : arrD;
            if (bD <= d.Latest + Eps
                && bD + d.Service + m.Duration(d.Location, route.LocationAt(j + 1)) <= route.LatestAt(j + 1) + Eps)
            {
                double cost = PairInsertionEvaluator.PairCost(m, wd, wt, route, i, j, d.Location, prevLoc, prevToP, pdCost, pickupDelta);
                double total = cost + fixedCost;
                if (total < costWithFixed || (total == costWithFixed && (i < pickup || (i == pickup && j < delivery))))
                {
                    costWithFixed = total; best = cost; pickup = i; delivery = j;
                }
            }
            if (j == n) break;
            // Carry the request past stop j (position j+1): load and time.
            if (!(route.LoadAfter(j + 1) + q).FitsWithin(cap)) break;
            ref readonly var s = ref route.Stop(j);
            int nextLoc = route.LocationAt(j + 1);
            double arr = curD + m.Duration(curLoc, nextLoc);
            if (arr > route.LatestAt(j + 1) + Eps) break;
            double b = arr < s.Earliest ? s.Earliest : arr;
            curD = b + s.Service;
            curLoc = nextLoc;
        }
    }

    private void EnsureCapacity(int size)
    {
        if (_bound.Length >= size) return;
        int s = Math.Max(size, _bound.Length * 2);
        _suffixDetour = new double[s];
        _bound = new double[s];
        _pickupDelta = new double[s];
        _position = new int[s];
    }
}
