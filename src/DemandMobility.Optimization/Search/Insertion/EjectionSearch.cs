using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// The ejection step of guided ejection search: when a request fits nowhere, find the route and the set of at most
/// k_max requests of that route whose ejection lets the request in, minimising the sum of the ejected requests'
/// penalty counters P_sum (Nagata &amp; Bräysy 2009, Section 2.2; for pickup-delivery pairs, Nagata &amp; Kobayashi
/// 2010, "Guided ejection search for the pickup and delivery problem with time windows", EvoCOP, LNCS 6022).
/// </summary>
/// <remarks>
/// Per route, the movable requests are sorted by counter and the subsets of one to k_max of them enumerated in
/// lexicographic order of that sort, cut as soon as the partial sum reaches the best P_sum found (later subsets of a
/// branch only grow: the bounded lexicographic enumeration of the paper). A subset is checked by taking the route
/// without it (<see cref="WorkingRoute.CopyWithout"/>: only the segment the removal changes is recomputed where the
/// O(1) checks are exact, the full exact schedule where ride-time limits apply) and searching the cheapest feasible
/// insertion of the request there (<see cref="PairInsertionEvaluator.BestInRoute"/>, which applies every constraint,
/// ride times included). Routes are
/// visited in the order given by the caller (a random order: ties in P_sum go to the first route found, which is how
/// the search breaks them at random); inside one route ties go to the cheaper insertion.
/// </remarks>
internal sealed class EjectionSearch
{
    private readonly List<int> _movable = new();
    private readonly int[] _chosen;
    private int[] _bestSet;
    private WorkingRoute?[] _scratch = Array.Empty<WorkingRoute?>();
    private int _bestCount, _bestPickup, _bestDelivery, _bestVehicle, _bestSum;
    private double _bestCost;

    /// <param name="maxEjected">k_max: most requests ejected from the route.</param>
    public EjectionSearch(int maxEjected)
    {
        if (maxEjected < 1) throw new ArgumentOutOfRangeException(nameof(maxEjected), maxEjected, "At least one request must be ejectable.");
        MaxEjected = maxEjected;
        _chosen = new int[maxEjected];
        _bestSet = new int[maxEjected];
    }

    /// <summary>k_max.</summary>
    public int MaxEjected { get; }

    /// <summary>Subsets checked by the last <see cref="TryFind"/> (for tests and profiling).</summary>
    public long Checked { get; private set; }

    /// <summary>
    /// The ejection with the least P_sum over the routes of <paramref name="vehicles"/> (open routes the request may use),
    /// or null when no subset of at most k_max requests of any of them makes room.
    /// </summary>
    public EjectionChoice? TryFind(SearchContext ctx, SearchState state, int request, ReadOnlySpan<int> penalty, ReadOnlySpan<int> vehicles)
    {
        _bestSum = int.MaxValue;
        _bestCost = double.PositiveInfinity;
        _bestVehicle = -1;
        Checked = 0;
        // Two passes: single ejections in every route first, which usually sets a small bound at little cost, then the
        // larger sets under that bound. The result is the same least P_sum as one pass.
        for (int pass = 0; pass < 2; pass++)
        {
            if (pass == 1 && MaxEjected == 1) break;
            foreach (int v in vehicles)
            {
                var route = state.Routes[v];
                if (!route.Feasible || !ctx.Data.Allowed(request, v)) continue;
                _movable.Clear();
                for (int k = route.LockedCount; k < route.Count; k++)
                {
                    ref readonly var s = ref route.Stop(k);
                    if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request]) _movable.Add(s.Request);
                }
                if (_movable.Count == 0) continue;
                // Smallest counters first, so that a branch of the enumeration ends at the first subset whose sum is too
                // large; equal counters in route order.
                SortByPenalty(_movable, penalty);
                Enumerate(ctx, route, request, penalty, depth: 0, from: 0, sum: 0, pass == 0 ? 1 : MaxEjected, checkFrom: pass == 0 ? 1 : 2);
            }
        }
        if (_bestVehicle < 0) return null;
        return new EjectionChoice(_bestVehicle, _bestSet.AsSpan(0, _bestCount).ToArray(), _bestPickup, _bestDelivery, _bestSum, _bestCost);
    }

    /// <summary>Subsets of sizes <paramref name="checkFrom"/>..<paramref name="maxSize"/> in lexicographic order of the
    /// counter sort, cut by the best sum.</summary>
    private void Enumerate(SearchContext ctx, WorkingRoute route, int request, ReadOnlySpan<int> penalty, int depth, int from, int sum,
        int maxSize, int checkFrom)
    {
        for (int c = from; c < _movable.Count; c++)
        {
            int s = sum + penalty[_movable[c]];
            // Sorted by counter: every later candidate at this depth gives a sum at least as large. Equal sums are still
            // checked inside the route that holds the best (a cheaper insertion wins), never in other routes.
            if (s > _bestSum || (s == _bestSum && _bestVehicle != route.Vehicle)) return;
            _chosen[depth] = _movable[c];
            if (depth + 1 >= checkFrom) Check(ctx, route, request, depth + 1, s);
            if (depth + 1 < maxSize) Enumerate(ctx, route, request, penalty, depth + 1, c + 1, s, maxSize, checkFrom);
        }
    }

    /// <summary>Whether the request fits into the route without the <paramref name="count"/> chosen requests; records it when better.</summary>
    private void Check(SearchContext ctx, WorkingRoute route, int request, int count, int sum)
    {
        Checked++;
        var scratch = Reduced(ctx, route, count);
        if (!scratch.Feasible) return;
        // At the best sum only a cheaper insertion wins: the cutoff lets the insertion search prune by it.
        double cutoff = sum == _bestSum ? _bestCost : double.PositiveInfinity;
        if (!ctx.Pairs.BestInRoute(scratch, request, out int pickup, out int delivery, out double delta, cutoff)) return;
        if (sum < _bestSum || delta < _bestCost)
        {
            _bestSum = sum;
            _bestCost = delta;
            _bestVehicle = route.Vehicle;
            _bestPickup = pickup;
            _bestDelivery = delivery;
            _bestCount = count;
            Array.Copy(_chosen, _bestSet, count);
        }
    }

    /// <summary>The route without the chosen requests, in a scratch route of its vehicle (only the changed segment of
    /// its caches recomputed: <see cref="WorkingRoute.CopyWithout"/>).</summary>
    private WorkingRoute Reduced(SearchContext ctx, WorkingRoute route, int count)
    {
        if (_scratch.Length <= route.Vehicle) Array.Resize(ref _scratch, ctx.Data.VehicleCount);
        var scratch = _scratch[route.Vehicle];
        if (scratch is null || scratch.InitialLoad != route.InitialLoad || scratch.LockedCount != route.LockedCount)
            scratch = _scratch[route.Vehicle] = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
        scratch.CopyWithout(route, _chosen.AsSpan(0, count), ctx.Evaluator);
        return scratch;
    }

    private static void SortByPenalty(List<int> requests, ReadOnlySpan<int> penalty)
    {
        // Insertion sort: stable (route order among equal counters) and fast on the few dozen requests of a route.
        for (int i = 1; i < requests.Count; i++)
        {
            int r = requests[i];
            int key = penalty[r];
            int j = i - 1;
            while (j >= 0 && penalty[requests[j]] > key)
            {
                requests[j + 1] = requests[j];
                j--;
            }
            requests[j + 1] = r;
        }
    }
}
