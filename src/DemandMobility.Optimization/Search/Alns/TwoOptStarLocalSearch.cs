using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// 2-opt* (Potvin &amp; Rousseau 1995, "An exchange heuristic for routeing problems with time windows", JORS 46):
/// two routes exchange their tails. With pickups and deliveries a tail may only start where the vehicle is
/// empty, so that no request is split between two vehicles (the restriction used for 2-opt* in PDPTW local
/// search, e.g. the PD-2-opt* of Ropke &amp; Cordeau's and Li &amp; Lim's neighbourhoods). Best improvement per
/// route pair; every candidate is checked by the exact schedule.
/// </summary>
/// <remarks>
/// Cut convention (as <see cref="WorkingRoute"/>'s positions): cut a keeps stops [0, a) as the head and moves
/// stops [a, n) as the tail; a ≥ the locked prefix and the load after position a must be zero (which also
/// keeps requests on board at the start on their vehicle). Routes of vehicles with a break are skipped (a
/// break belongs to its vehicle). With a schedule-independent objective the arc-cost change is exact for the
/// distance part and filters candidates before the O(n) exact evaluation.
/// </remarks>
internal sealed class TwoOptStarLocalSearch
{
    private const double MinGain = 1e-7;
    private StopNode[] _seq1 = new StopNode[64], _seq2 = new StopNode[64], _best1 = new StopNode[64], _best2 = new StopNode[64];
    private int[] _cuts1 = new int[64], _cuts2 = new int[64];
    private bool[] _tailOk1 = new bool[64], _tailOk2 = new bool[64];

    /// <summary>Runs passes over all route pairs until one finds no improvement; returns true when any move was made.</summary>
    public bool Run(SearchContext ctx, SearchState state, int maxPasses, Func<bool> stop)
    {
        bool any = false;
        int vehicles = state.Routes.Length;
        for (int pass = 0; pass < maxPasses; pass++)
        {
            bool improved = false;
            for (int v1 = 0; v1 < vehicles; v1++)
                for (int v2 = v1 + 1; v2 < vehicles; v2++)
                {
                    if (stop()) return any;
                    if (TryPair(ctx, state, v1, v2)) improved = any = true;
                }
            if (!improved) break;
        }
        return any;
    }

    private bool TryPair(SearchContext ctx, SearchState state, int v1, int v2)
    {
        var data = ctx.Data;
        if (!ctx.VehicleOpen[v1] || !ctx.VehicleOpen[v2] || data.HasBreak[v1] || data.HasBreak[v2]) return false;
        var route1 = state.Routes[v1];
        var route2 = state.Routes[v2];
        if (route1.RequestStops == 0 && route2.RequestStops == 0) return false;
        if (!route1.Feasible || !route2.Feasible) return false;
        int c1 = Cuts(data, route1, v2, ref _cuts1, ref _tailOk1);
        int c2 = Cuts(data, route2, v1, ref _cuts2, ref _tailOk2);
        if (c1 == 0 || c2 == 0) return false;

        int n1 = route1.Count, n2 = route2.Count;
        EnsureScratch(n1 + n2);
        var w = data.Weights;
        var m = data.Matrix;
        // The arc filter needs a schedule-independent objective and two used routes (an unused route's
        // start → end arc is not charged).
        bool filter = w.RideTime == 0 && w.Waiting == 0 && route1.Metrics.Used && route2.Metrics.Used;
        var veh1 = data.Problem.Vehicles[v1];
        var veh2 = data.Problem.Vehicles[v2];
        double before = route1.Metrics.Cost + route2.Metrics.Cost;
        double bestCost = before - MinGain;
        int bestLen1 = -1, bestLen2 = -1;
        for (int x = 0; x < c1; x++)
        {
            int a = _cuts1[x];
            if (!_tailOk1[a]) continue;
            for (int y = 0; y < c2; y++)
            {
                int b = _cuts2[y];
                if (!_tailOk2[b]) continue;
                if (a == n1 && b == n2) continue; // both tails empty: nothing moves
                if (filter)
                {
                    // Arc change: (head1 end → tail2 start) + (head2 end → tail1 start) replaces the cut arcs;
                    // a tail that is empty ends at the other vehicle's end location.
                    int h1 = route1.LocationAt(a), h2 = route2.LocationAt(b);
                    int t1 = a < n1 ? route1.LocationAt(a + 1) : veh1.EndLocation;
                    int t2 = b < n2 ? route2.LocationAt(b + 1) : veh2.EndLocation;
                    int new1 = b < n2 ? t2 : veh1.EndLocation, new2 = a < n1 ? t1 : veh2.EndLocation;
                    double delta = Arc(w, m, h1, new1) + Arc(w, m, h2, new2) - Arc(w, m, h1, t1) - Arc(w, m, h2, t2);
                    // End locations differ between vehicles: the last arc of each moved tail changes too.
                    if (a < n1) delta += Arc(w, m, route1.LocationAt(n1), veh2.EndLocation) - Arc(w, m, route1.LocationAt(n1), veh1.EndLocation);
                    if (b < n2) delta += Arc(w, m, route2.LocationAt(n2), veh1.EndLocation) - Arc(w, m, route2.LocationAt(n2), veh2.EndLocation);
                    // Fixed costs can only fall when a route empties; the exact check below decides.
                    bool empties = (a == 0 && b == n2) || (b == 0 && a == n1);
                    if (!empties && delta >= -MinGain) continue;
                }
                var stops1 = route1.Stops;
                var stops2 = route2.Stops;
                int len1 = a + (n2 - b), len2 = b + (n1 - a);
                stops1[..a].CopyTo(_seq1);
                stops2[b..].CopyTo(_seq1.AsSpan(a));
                stops2[..b].CopyTo(_seq2);
                stops1[a..].CopyTo(_seq2.AsSpan(b));
                if (!ctx.Evaluator.Evaluate(v1, _seq1.AsSpan(0, len1), route1.InitialLoad, out var m1)) continue;
                if (m1.Cost >= bestCost) continue; // route costs are never negative
                if (!ctx.Evaluator.Evaluate(v2, _seq2.AsSpan(0, len2), route2.InitialLoad, out var m2)) continue;
                double total = m1.Cost + m2.Cost;
                if (total < bestCost)
                {
                    bestCost = total;
                    bestLen1 = len1;
                    bestLen2 = len2;
                    _seq1.AsSpan(0, len1).CopyTo(_best1);
                    _seq2.AsSpan(0, len2).CopyTo(_best2);
                }
            }
        }
        if (bestLen1 < 0) return false;
        route1.SetStops(_best1.AsSpan(0, bestLen1));
        route1.Update(ctx.Evaluator);
        route2.SetStops(_best2.AsSpan(0, bestLen2));
        route2.Update(ctx.Evaluator);
        foreach (ref readonly var s in route1.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = v1;
        foreach (ref readonly var s in route2.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = v2;
        return true;
    }

    /// <summary>
    /// Cut positions of <paramref name="route"/> where the vehicle is empty, and per position whether the
    /// tail from there may be served by <paramref name="other"/> (pins, groups).
    /// </summary>
    private static int Cuts(ProblemData data, WorkingRoute route, int other, ref int[] cuts, ref bool[] tailOk)
    {
        int n = route.Count;
        if (cuts.Length < n + 1) { cuts = new int[2 * (n + 1)]; tailOk = new bool[2 * (n + 1)]; }
        tailOk[n] = true;
        for (int i = n - 1; i >= 0; i--)
        {
            int r = route.Stop(i).Request;
            tailOk[i] = tailOk[i + 1] && (r < 0 || data.Allowed(r, other));
        }
        int count = 0;
        for (int a = route.LockedCount; a <= n; a++)
            if (route.LoadAfter(a) == LoadVector.Zero) cuts[count++] = a;
        return count;
    }

    private static double Arc(ObjectiveWeights w, ITravelMatrix m, int from, int to) =>
        w.Distance * m.Distance(from, to) + w.TravelTime * m.Duration(from, to);

    private void EnsureScratch(int size)
    {
        if (_seq1.Length >= size) return;
        int s = Math.Max(size, 2 * _seq1.Length);
        _seq1 = new StopNode[s]; _seq2 = new StopNode[s]; _best1 = new StopNode[s]; _best2 = new StopNode[s];
    }
}
