using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.Alns;

/// <summary>
/// A complete working solution: one <see cref="WorkingRoute"/> per vehicle, which route serves each
/// request (−1 = unassigned) and the list of unassigned requests. Mutable; the search keeps a current and a
/// best copy and copies between them.
/// </summary>
internal sealed class SearchState
{
    public SearchState(WorkingRoute[] routes, int requestCount)
    {
        Routes = routes;
        RouteOf = new int[requestCount];
        Array.Fill(RouteOf, -1);
        foreach (var route in routes)
            foreach (ref readonly var s in route.Stops)
                if (s.Request >= 0) RouteOf[s.Request] = route.Vehicle;
    }

    /// <summary>An independent copy (own routes, same stops and bank).</summary>
    public SearchState Clone()
    {
        var routes = new WorkingRoute[Routes.Length];
        for (int v = 0; v < routes.Length; v++)
        {
            var src = Routes[v];
            routes[v] = new WorkingRoute(src.Vehicle, src.InitialLoad, src.LockedCount);
            routes[v].CopyFrom(src);
        }
        var c = new SearchState(routes, RouteOf.Length);
        c.Unassigned.AddRange(Unassigned);
        return c;
    }

    public WorkingRoute[] Routes { get; }
    public int[] RouteOf { get; }
    public List<int> Unassigned { get; } = new();

    /// <summary>Objective including the unserved costs of the context's phase.</summary>
    public double Cost(SearchContext ctx)
    {
        double c = 0;
        foreach (var r in Routes) c += r.Metrics.Cost;
        foreach (int u in Unassigned) c += ctx.UnservedCost(u);
        return c;
    }

    /// <summary>Objective with the real unserved costs, whatever penalty the context's phase searches with.</summary>
    public double TrueCost(SearchContext ctx)
    {
        double c = 0;
        foreach (var r in Routes) c += r.Metrics.Cost;
        foreach (int u in Unassigned) c += ctx.Data.UnservedCost(u);
        return c;
    }

    /// <summary>Objective without unserved and fixed costs: what the annealing temperature is scaled to.</summary>
    public double RoutingCost(SearchContext ctx)
    {
        double c = 0;
        var w = ctx.Data.Weights;
        foreach (var r in Routes)
            if (r.Metrics.Used)
                c += r.Metrics.Cost - w.FixedCost * ctx.Data.Problem.Vehicles[r.Vehicle].FixedCost;
        return c;
    }

    public int UsedVehicles()
    {
        int n = 0;
        foreach (var r in Routes) if (r.Metrics.Used) n++;
        return n;
    }

    public void Remove(SearchContext ctx, int request)
    {
        int v = RouteOf[request];
        if (v < 0) return;
        Routes[v].RemoveRequest(request, ctx.Evaluator);
        RouteOf[request] = -1;
        Unassigned.Add(request);
    }

    public void Insert(SearchContext ctx, int request, int vehicle, int pickupBefore, int deliveryBefore)
    {
        Routes[vehicle].InsertPair(ctx.Data.Pickups[request], ctx.Data.Deliveries[request], pickupBefore, deliveryBefore, ctx.Evaluator);
        RouteOf[request] = vehicle;
        Unassigned.Remove(request);
    }

    /// <summary>Recomputes <see cref="RouteOf"/> and <see cref="Unassigned"/> after routes were replaced wholesale.</summary>
    public void RebuildIndex()
    {
        Array.Fill(RouteOf, -1);
        foreach (var route in Routes)
            foreach (ref readonly var s in route.Stops)
                if (s.Request >= 0) RouteOf[s.Request] = route.Vehicle;
        Unassigned.Clear();
        for (int r = 0; r < RouteOf.Length; r++)
            if (RouteOf[r] < 0) Unassigned.Add(r);
    }

    public void CopyFrom(SearchState other)
    {
        for (int v = 0; v < Routes.Length; v++)
            Routes[v].CopyFrom(other.Routes[v]);
        Array.Copy(other.RouteOf, RouteOf, RouteOf.Length);
        Unassigned.Clear();
        Unassigned.AddRange(other.Unassigned);
    }
}
