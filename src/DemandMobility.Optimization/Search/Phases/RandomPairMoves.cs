using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>
/// The perturbation of guided ejection search (Nagata &amp; Bräysy 2009, Section 2.3; Nagata &amp; Kobayashi 2010 for
/// pickup-delivery pairs): random feasible moves, whatever their cost, so that the next insertions and ejections meet
/// a different solution. A move takes a random request and a random other open route and either relocates the request
/// there (at its cheapest feasible position) or exchanges it with a random request of that route (each at its
/// cheapest feasible position in the other's route); moves without a feasible result are undone.
/// </summary>
internal sealed class RandomPairMoves
{
    private readonly List<int> _movable = new();
    private readonly List<int> _open = new();
    private WorkingRoute?[] _save = Array.Empty<WorkingRoute?>();

    /// <summary>Tries <paramref name="attempts"/> random moves between the open used routes; returns how many were made.</summary>
    public int Run(SearchContext ctx, SearchState state, int attempts)
    {
        _open.Clear();
        foreach (var route in state.Routes)
            if (ctx.VehicleOpen[route.Vehicle] && route.Metrics.Used) _open.Add(route.Vehicle);
        if (_open.Count < 2) return 0;
        RuinHelpers.Movable(ctx, state, _movable);
        if (_movable.Count == 0) return 0;
        if (_save.Length != state.Routes.Length) _save = new WorkingRoute?[state.Routes.Length];
        int made = 0;
        var rng = ctx.Random;
        for (int a = 0; a < attempts; a++)
        {
            int r1 = _movable[rng.Next(_movable.Count)];
            int v1 = state.RouteOf[r1];
            int v2 = _open[rng.Next(_open.Count)];
            if (v1 < 0 || v1 == v2 || !ctx.VehicleOpen[v1] || !ctx.Data.Allowed(r1, v2)) continue;
            bool exchange = rng.Next(2) == 0;
            if (exchange ? Exchange(ctx, state, r1, v1, v2) : Relocate(ctx, state, r1, v1, v2)) made++;
        }
        return made;
    }

    private bool Relocate(SearchContext ctx, SearchState state, int r1, int v1, int v2)
    {
        var save1 = Save(state.Routes[v1]);
        var save2 = Save(state.Routes[v2]);
        state.Remove(ctx, r1);
        if (ctx.Pairs.BestInRoute(state.Routes[v2], r1, out int p, out int d, out _))
        {
            state.Insert(ctx, r1, v2, p, d);
            if (state.Routes[v2].Feasible) return true;
        }
        Restore(state, v2, save2, -1);
        Restore(state, v1, save1, r1);
        return false;
    }

    private bool Exchange(SearchContext ctx, SearchState state, int r1, int v1, int v2)
    {
        var route2 = state.Routes[v2];
        int r2 = RandomMovable(ctx, route2);
        if (r2 < 0 || !ctx.Data.Allowed(r2, v1)) return false;
        var save1 = Save(state.Routes[v1]);
        var save2 = Save(route2);
        state.Remove(ctx, r1);
        state.Remove(ctx, r2);
        if (ctx.Pairs.BestInRoute(route2, r1, out int p1, out int d1, out _)
            && ctx.Pairs.BestInRoute(state.Routes[v1], r2, out int p2, out int d2, out _))
        {
            state.Insert(ctx, r1, v2, p1, d1);
            state.Insert(ctx, r2, v1, p2, d2);
            if (state.Routes[v1].Feasible && state.Routes[v2].Feasible) return true;
        }
        Restore(state, v1, save1, r1);
        Restore(state, v2, save2, r2);
        return false;
    }

    private static int RandomMovable(SearchContext ctx, WorkingRoute route)
    {
        int pickups = 0;
        for (int k = route.LockedCount; k < route.Count; k++)
            if (route.Stop(k).Kind == Model.StopKind.Pickup && !ctx.Fixed[route.Stop(k).Request]) pickups++;
        if (pickups == 0) return -1;
        int pick = ctx.Random.Next(pickups);
        for (int k = route.LockedCount; k < route.Count; k++)
            if (route.Stop(k).Kind == Model.StopKind.Pickup && !ctx.Fixed[route.Stop(k).Request] && pick-- == 0)
                return route.Stop(k).Request;
        return -1;
    }

    private WorkingRoute Save(WorkingRoute route)
    {
        var save = _save[route.Vehicle] ??= new WorkingRoute(route.Vehicle, route.InitialLoad, route.LockedCount);
        save.CopyFrom(route);
        return save;
    }

    /// <summary>Puts a route back as saved, with its requests indexed to it and <paramref name="request"/> (if any) out of the bank.</summary>
    private static void Restore(SearchState state, int vehicle, WorkingRoute save, int request)
    {
        state.Routes[vehicle].CopyFrom(save);
        foreach (ref readonly var s in save.Stops)
            if (s.Request >= 0) state.RouteOf[s.Request] = vehicle;
        if (request >= 0) state.Unassigned.Remove(request);
    }
}
