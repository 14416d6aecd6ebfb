using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// The squeeze step of guided ejection search (Nagata &amp; Bräysy 2009, "A powerful route minimization heuristic for
/// the vehicle routing problem with time windows", Operations Research Letters 37(5), Section 2.2): a request that fits
/// no route is inserted where the penalty of the violations is least, and the violated route is then repaired by local
/// search on that penalty; if the repair does not reach a feasible route, everything is put back.
/// </summary>
/// <remarks>
/// The penalty of a route is its time warp plus its load above capacity (both summed over the route, weight 1; the
/// time warp of Vidal et al. 2013, Section 4.3, computed from the route's cached segments in O(1) per candidate).
/// Only one route is ever infeasible: every repair move keeps the other routes feasible and strictly lowers the
/// violated route's penalty, taking the move with the least penalty after it. The moves (the paper's relocate and
/// 2-opt* neighbourhoods, for pickup-delivery pairs as in Nagata &amp; Kobayashi 2010, EvoCOP, LNCS 6022): a request of
/// the violated route moved to its cheapest feasible position in another route, moved to its least-penalty position in
/// its own route, or the tails of the violated route and another route exchanged where no pair spans either cut
/// (the other route staying feasible). Applies where segments decide feasibility: routes without breaks, ride-time
/// or route-duration limits (<see cref="Applies"/>); elsewhere it finds nothing.
/// </remarks>
internal sealed class SqueezeInsertion
{
    /// <summary>Most repair moves per squeeze (each strictly lowers the penalty, so this is only a safety bound).</summary>
    public const int MaxRepairMoves = 50;

    private const double Epsilon = 1e-9;

    /// <summary>Least penalty decrease that counts as a repair (well above rounding of times and distances).</summary>
    private const double MinGain = 1e-6;

    private readonly List<int> _movable = new();
    private readonly List<int> _touched = new();
    private WorkingRoute?[] _save = Array.Empty<WorkingRoute?>();
    private WorkingRoute?[] _scratch = Array.Empty<WorkingRoute?>();
    private int[] _openAfter = new int[16];
    private StopNode[] _seqA = new StopNode[16], _seqB = new StopNode[16];

    /// <summary>Repair moves made by the last <see cref="TryInsert"/> (for tests and profiling).</summary>
    public int Moves { get; private set; }

    /// <summary>Whether the segments of <paramref name="route"/> decide its feasibility exactly (no break, no ride-time
    /// or route-duration limit, nothing on board at the start).</summary>
    public static bool Applies(WorkingRoute route) => route.HasSegments && !route.NeedsExact && route.InitialLoad == LoadVector.Zero;

    /// <summary>
    /// Inserts <paramref name="request"/> (unassigned) into one of the routes of <paramref name="vehicles"/> by squeeze
    /// and repair. On success every route is feasible; on failure the state is as before.
    /// </summary>
    /// <returns>True when the request was inserted.</returns>
    public bool TryInsert(SearchContext ctx, SearchState state, int request, ReadOnlySpan<int> vehicles)
    {
        Moves = 0;
        var data = ctx.Data;
        int target = -1, pickup = -1, delivery = -1;
        double bestPenalty = double.PositiveInfinity, bestDistance = double.PositiveInfinity;
        foreach (int v in vehicles)
        {
            var route = state.Routes[v];
            if (!route.Feasible || !Applies(route) || !data.Allowed(request, v)) continue;
            if (!LeastPenaltyInsertion(data, route, request, out int p, out int d, out double penalty, out double distance)) continue;
            if (penalty < bestPenalty - Epsilon || (penalty < bestPenalty + Epsilon && distance < bestDistance))
            {
                bestPenalty = penalty; bestDistance = distance; target = v; pickup = p; delivery = d;
            }
        }
        if (target < 0) return false;
        if (_save.Length != state.Routes.Length)
        {
            _save = new WorkingRoute?[state.Routes.Length];
            _scratch = new WorkingRoute?[state.Routes.Length];
        }
        _touched.Clear();
        Save(state.Routes[target]);
        state.Insert(ctx, request, target, pickup, delivery);
        double current = bestPenalty;
        while (!state.Routes[target].Feasible && Moves < MaxRepairMoves && Repair(ctx, state, target, vehicles, ref current)) Moves++;
        if (state.Routes[target].Feasible) return true;
        Restore(state, request);
        return false;
    }

    /// <summary>Applies the repair move that lowers the violated route's penalty most (ties: the shorter detour);
    /// false when none lowers it.</summary>
    private bool Repair(SearchContext ctx, SearchState state, int target, ReadOnlySpan<int> vehicles, ref double penalty)
    {
        var data = ctx.Data;
        var route = state.Routes[target];
        route.EnsureSegments(data);
        // A move must lower the penalty by more than rounding.
        double best = penalty - MinGain, bestDistance = double.PositiveInfinity;
        int kind = 0, moved = -1, other = -1, p = -1, d = -1, cutA = -1, cutB = -1;

        _movable.Clear();
        for (int k = route.LockedCount; k < route.Count; k++)
        {
            ref readonly var s = ref route.Stop(k);
            if (s.Kind == StopKind.Pickup && !ctx.Fixed[s.Request]) _movable.Add(s.Request);
        }
        foreach (int e in _movable)
        {
            double without = PenaltyWithout(data, route, e);
            // Putting the request back anywhere adds stops, which never lowers time warp or peak load: both moves of e
            // end at a penalty of at least this.
            if (without > best + Epsilon) continue;
            foreach (int b in vehicles)
            {
                if (b == target || !data.Allowed(e, b)) continue;
                if (!ctx.Pairs.BestInRoute(state.Routes[b], e, out int pb, out int db, out double delta)) continue;
                if (Better(without, delta, best, bestDistance))
                {
                    best = without; bestDistance = delta; kind = 1; moved = e; other = b; p = pb; d = db;
                }
            }
            var reduced = Without(ctx, route, e);
            if (LeastPenaltyInsertion(data, reduced, e, out int pr, out int dr, out double pen, out double detour)
                && Better(pen, detour, best, bestDistance))
            {
                best = pen; bestDistance = detour; kind = 2; moved = e; other = target; p = pr; d = dr;
            }
        }
        FillOpenAfter(route);
        foreach (int b in vehicles)
        {
            if (b == target) continue;
            var rb = state.Routes[b];
            if (!rb.Feasible || !Applies(rb)) continue;
            rb.EnsureSegments(data);
            if (BestTailExchange(data, route, rb, ref best, out int i, out int j))
            {
                kind = 3; other = b; cutA = i; cutB = j; bestDistance = double.PositiveInfinity;
            }
        }
        if (kind == 0) return false;
        if (other != target) Save(state.Routes[other]);
        if (kind == 3) ExchangeTails(ctx, state, target, other, cutA, cutB);
        else
        {
            state.Remove(ctx, moved);
            state.Insert(ctx, moved, other, p, d);
        }
        penalty = Penalty(data, state.Routes[target]);
        return true;
    }

    private static bool Better(double penalty, double distance, double best, double bestDistance) =>
        penalty < best - Epsilon || (penalty <= best + Epsilon && distance < bestDistance);

    /// <summary>
    /// The cut pair (after position <paramref name="i"/> of the violated route, <paramref name="j"/> of
    /// <paramref name="b"/>) whose tail exchange (2-opt*) gives the violated route a penalty below <paramref name="best"/>
    /// with <paramref name="b"/> feasible and every request allowed on its new vehicle; cuts only where no pair spans.
    /// </summary>
    private bool BestTailExchange(ProblemData data, WorkingRoute a, WorkingRoute b, ref double best, out int i, out int j)
    {
        i = j = -1;
        int na = a.Count, nb = b.Count;
        var capA = data.Problem.Vehicles[a.Vehicle].Capacity;
        var capB = data.Problem.Vehicles[b.Vehicle].Capacity;
        var m = data.Matrix;
        int openB = 0;
        for (int y = 0; y <= nb; y++)
        {
            if (y > 0) openB += b.Stop(y - 1).Kind == StopKind.Pickup ? 1 : b.Stop(y - 1).Kind == StopKind.Delivery ? -1 : 0;
            if (y < b.LockedCount || openB != 0) continue;
            for (int x = a.LockedCount; x <= na; x++)
            {
                if (_openAfter[x] != 0 || (x == na && y == nb)) continue;
                // New b: its head to y, then the violated route's tail after x.
                var newB = x < na ? RouteSegment.Concat(RouteSegment.Concat(b.HeadTo(y), a.TailFrom(x + 1), m), b.EndSegment, m)
                                  : RouteSegment.Concat(b.HeadTo(y), b.EndSegment, m);
                if (newB.TimeWarp > 0 || Excess(newB.Peak, capB) > 0) continue;
                var newA = y < nb ? RouteSegment.Concat(RouteSegment.Concat(a.HeadTo(x), b.TailFrom(y + 1), m), a.EndSegment, m)
                                  : RouteSegment.Concat(a.HeadTo(x), a.EndSegment, m);
                double pen = newA.TimeWarp + Excess(newA.Peak, capA);
                if (pen >= best - Epsilon || !TailAllowed(data, a, x, b.Vehicle) || !TailAllowed(data, b, y, a.Vehicle)) continue;
                best = pen; i = x; j = y;
            }
        }
        return i >= 0;
    }

    private static bool TailAllowed(ProblemData data, WorkingRoute route, int cut, int vehicle)
    {
        for (int k = cut; k < route.Count; k++)
            if (route.Stop(k).Request >= 0 && !data.Allowed(route.Stop(k).Request, vehicle)) return false;
        return true;
    }

    /// <summary>Requests open (picked up, not yet delivered) after each position of <paramref name="route"/>.</summary>
    private void FillOpenAfter(WorkingRoute route)
    {
        if (_openAfter.Length < route.Count + 1) _openAfter = new int[2 * (route.Count + 1)];
        int open = 0;
        _openAfter[0] = 0;
        for (int k = 0; k < route.Count; k++)
        {
            var kind = route.Stop(k).Kind;
            open += kind == StopKind.Pickup ? 1 : kind == StopKind.Delivery ? -1 : 0;
            _openAfter[k + 1] = open;
        }
    }

    private void ExchangeTails(SearchContext ctx, SearchState state, int va, int vb, int x, int y)
    {
        var a = state.Routes[va];
        var b = state.Routes[vb];
        int lenA = x + b.Count - y, lenB = y + a.Count - x;
        if (_seqA.Length < lenA) _seqA = new StopNode[2 * lenA];
        if (_seqB.Length < lenB) _seqB = new StopNode[2 * lenB];
        a.Stops[..x].CopyTo(_seqA);
        b.Stops[y..].CopyTo(_seqA.AsSpan(x));
        b.Stops[..y].CopyTo(_seqB);
        a.Stops[x..].CopyTo(_seqB.AsSpan(y));
        a.SetStops(_seqA.AsSpan(0, lenA));
        a.Update(ctx.Evaluator);
        b.SetStops(_seqB.AsSpan(0, lenB));
        b.Update(ctx.Evaluator);
        foreach (ref readonly var s in a.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = va;
        foreach (ref readonly var s in b.Stops) if (s.Request >= 0) state.RouteOf[s.Request] = vb;
    }

    /// <summary>
    /// The position pair for <paramref name="request"/> in <paramref name="route"/> (pickup before stop p, delivery
    /// before stop d, as <see cref="WorkingRoute.InsertPair"/>) with the least penalty, ties to the shorter detour
    /// (<paramref name="distance"/>: the distance it adds).
    /// </summary>
    internal static bool LeastPenaltyInsertion(ProblemData data, WorkingRoute route, int request, out int pickup, out int delivery,
        out double penalty, out double distance)
    {
        route.EnsureSegments(data);
        var m = data.Matrix;
        var cap = data.Problem.Vehicles[route.Vehicle].Capacity;
        var ps = RouteSegment.Of(data.Pickups[request]);
        var ds = RouteSegment.Of(data.Deliveries[request]);
        int n = route.Count;
        double length = RouteSegment.Concat(route.HeadTo(n), route.EndSegment, m).Distance;
        pickup = delivery = -1;
        penalty = distance = double.PositiveInfinity;
        for (int i = route.LockedCount; i <= n; i++)
        {
            var mid = RouteSegment.Concat(route.HeadTo(i), ps, m);
            for (int j = i; j <= n; j++)
            {
                // Stops i+1..j (1-based) lie between pickup and delivery; longer spans only add to warp and load.
                if (mid.TimeWarp + Excess(mid.Peak, cap) > penalty + Epsilon) break;
                var withD = RouteSegment.Concat(mid, ds, m);
                var full = j < n
                    ? RouteSegment.Concat(RouteSegment.Concat(withD, route.TailFrom(j + 1), m), route.EndSegment, m)
                    : RouteSegment.Concat(withD, route.EndSegment, m);
                double pen = full.TimeWarp + Excess(full.Peak, cap);
                if (pen < penalty - Epsilon || (pen < penalty + Epsilon && full.Distance - length < distance))
                {
                    penalty = pen; distance = full.Distance - length; pickup = i; delivery = j;
                }
                if (j < n) mid = RouteSegment.Concat(mid, RouteSegment.Of(route.Stop(j)), m);
            }
        }
        return pickup >= 0;
    }

    /// <summary>Penalty of <paramref name="route"/> without request <paramref name="e"/> (from its segments, O(span)).</summary>
    internal static double PenaltyWithout(ProblemData data, WorkingRoute route, int e)
    {
        var m = data.Matrix;
        int n = route.Count, pi = -1, di = -1;
        for (int k = 0; k < n; k++)
        {
            ref readonly var s = ref route.Stop(k);
            if (s.Request != e) continue;
            if (s.Kind == StopKind.Pickup) pi = k + 1;
            else if (s.Kind == StopKind.Delivery) di = k + 1;
        }
        var seg = route.HeadTo(pi - 1);
        for (int k = pi + 1; k < di; k++) seg = RouteSegment.Concat(seg, RouteSegment.Of(route.Stop(k - 1)), m);
        if (di < n) seg = RouteSegment.Concat(seg, route.TailFrom(di + 1), m);
        seg = RouteSegment.Concat(seg, route.EndSegment, m);
        return seg.TimeWarp + Excess(seg.Peak, data.Problem.Vehicles[route.Vehicle].Capacity);
    }

    /// <summary>Penalty of a whole route: time warp plus load above capacity.</summary>
    internal static double Penalty(ProblemData data, WorkingRoute route)
    {
        route.EnsureSegments(data);
        var seg = RouteSegment.Concat(route.HeadTo(route.Count), route.EndSegment, data.Matrix);
        return seg.TimeWarp + Excess(seg.Peak, data.Problem.Vehicles[route.Vehicle].Capacity);
    }

    private static double Excess(LoadVector peak, LoadVector capacity) =>
        Math.Max(0, peak.Seats - capacity.Seats) + Math.Max(0, peak.Wheelchairs - capacity.Wheelchairs)
        + Math.Max(0, peak.ParcelUnits - capacity.ParcelUnits) + Math.Max(0, peak.Extra - capacity.Extra);

    /// <summary>The route without request <paramref name="e"/>, rebuilt in a scratch route of its vehicle.</summary>
    private WorkingRoute Without(SearchContext ctx, WorkingRoute route, int e)
    {
        var scratch = _scratch[route.Vehicle];
        if (scratch is null || scratch.InitialLoad != route.InitialLoad || scratch.LockedCount != route.LockedCount)
            scratch = _scratch[route.Vehicle] = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
        scratch.SetStops(route.Stops);
        scratch.RemoveRequest(e, ctx.Evaluator);
        return scratch;
    }

    /// <summary>Keeps a copy of a route before its first change in this squeeze.</summary>
    private void Save(WorkingRoute route)
    {
        if (_touched.Contains(route.Vehicle)) return;
        var save = _save[route.Vehicle];
        if (save is null || save.InitialLoad != route.InitialLoad || save.LockedCount != route.LockedCount)
            save = _save[route.Vehicle] = new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
        save.CopyFrom(route);
        _touched.Add(route.Vehicle);
    }

    /// <summary>Puts every changed route back and <paramref name="request"/> back into the bank.</summary>
    private void Restore(SearchState state, int request)
    {
        foreach (int v in _touched)
        {
            var save = _save[v]!;
            state.Routes[v].CopyFrom(save);
            foreach (ref readonly var s in save.Stops)
                if (s.Request >= 0) state.RouteOf[s.Request] = v;
        }
        state.RouteOf[request] = -1;
        if (!state.Unassigned.Contains(request)) state.Unassigned.Add(request);
    }
}
