using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// A lower bound on the vehicles any plan serving every request needs, so that route minimisation stops once it is
/// reached: a set of requests no two of which fit one route needs one vehicle each, so the size of a clique of the
/// incompatibility graph, found greedily, bounds the fleet (Kontoravdis &amp; Bard 1995, "A GRASP for the vehicle
/// routing problem with time windows", ORSA J. Computing 7(1)).
/// </summary>
/// <remarks>
/// Two requests are incompatible when no order of their four stops is feasible on one vehicle. The classic capacity
/// bound (total load over capacity) does not hold for pickups and deliveries, as one vehicle carries many loads one
/// after the other. Computed only for a homogeneous, static fleet (the same vehicle everywhere, no live state or
/// breaks) and up to <see cref="MaxRequests"/> requests (the pair checks are quadratic); otherwise the bound is 1.
/// </remarks>
internal static class FleetLowerBound
{
    /// <summary>Largest number of requests the pairwise checks are made for.</summary>
    public const int MaxRequests = 600;

    /// <summary>The bound (at least 1 when there are requests).</summary>
    public static int Compute(SearchContext ctx)
    {
        var data = ctx.Data;
        int n = data.RequestCount;
        if (n == 0) return 0;
        if (n > MaxRequests || !Homogeneous(data)) return 1;
        var incompatible = new bool[n, n];
        var degree = new int[n];
        var route = new WorkingRoute(0, LoadVector.Zero, 0);
        Span<StopNode> pair = stackalloc StopNode[2];
        for (int a = 0; a < n; a++)
        {
            if (!data.Allowed(a, 0)) return 1;
            pair[0] = data.Pickups[a];
            pair[1] = data.Deliveries[a];
            route.SetStops(pair);
            route.Update(ctx.Evaluator);
            if (!route.Feasible) return 1; // a request no vehicle can serve alone: no bound on a plan serving everything
            for (int b = a + 1; b < n; b++)
            {
                if (ctx.Pairs.BestInRoute(route, b, out _, out _, out _)) continue;
                incompatible[a, b] = incompatible[b, a] = true;
                degree[a]++;
                degree[b]++;
            }
        }
        // Greedy clique: requests by decreasing degree, each kept when incompatible with every one kept so far.
        var order = Enumerable.Range(0, n).OrderByDescending(r => degree[r]).ThenBy(r => r).ToArray();
        var clique = new List<int>();
        foreach (int r in order)
        {
            bool all = true;
            foreach (int c in clique)
                if (!incompatible[r, c]) { all = false; break; }
            if (all) clique.Add(r);
        }
        return Math.Max(1, clique.Count);
    }

    private static bool Homogeneous(ProblemData data)
    {
        var vehicles = data.Problem.Vehicles;
        if (vehicles.Length == 0) return false;
        var first = vehicles[0];
        for (int v = 0; v < vehicles.Length; v++)
        {
            var x = vehicles[v];
            if (data.States[v] is not null || data.HasBreak[v]) return false;
            if (x.StartLocation != first.StartLocation || x.EndLocation != first.EndLocation || x.Shift != first.Shift
                || x.Capacity != first.Capacity || x.MaxRouteDuration != first.MaxRouteDuration
                || !string.Equals(x.Group, first.Group, StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
