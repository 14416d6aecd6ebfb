using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The travel times and distances between consecutive locations of a planning problem's committed routes (vehicle
/// start → stops → end, and start → end of an empty route), read from the travel cache when the plan is prepared,
/// so that an insertion search on it never reaches the router: an insertion reads a committed pair only where it
/// already is an edge of a route; every pair with a new point is in the quote's own rows and columns. A prepared plan
/// updated in place (<see cref="PreparedPlan.TryUpdate"/>) adds the edges of the routes it changed; that happens only
/// while no quote reads the plan (the plan version moved, so no quote of the old version runs), and quotes of one
/// version share it across threads read-only.
/// </summary>
internal sealed class CommittedTravelPairs
{
    private readonly Dictionary<long, (double Duration, double Distance)> _pairs = [];

    private CommittedTravelPairs()
    {
    }

    /// <summary>The pairs along every route of <paramref name="plan"/> and every vehicle's start → end.</summary>
    public static CommittedTravelPairs Of(GeoPoint[] points, Problem problem, Solution plan, TravelCache cache)
    {
        var pairs = new CommittedTravelPairs();
        foreach (var vehicle in problem.Vehicles) pairs.Add(points, vehicle.StartLocation, vehicle.EndLocation, cache);
        foreach (var route in plan.Routes)
        {
            var vehicle = problem.Vehicles[route.Vehicle];
            int at = vehicle.StartLocation;
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = problem.Requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                pairs.Add(points, at, next, cache);
                at = next;
            }
            pairs.Add(points, at, vehicle.EndLocation, cache);
        }
        return pairs;
    }

    /// <summary>Reads the pair <paramref name="from"/> → <paramref name="to"/> (indices into <paramref name="points"/>) unless it is here already.</summary>
    public void Add(GeoPoint[] points, int from, int to, TravelCache cache)
    {
        long key = Key(from, to);
        if (from != to && !_pairs.ContainsKey(key)) _pairs[key] = cache.Get(points[from], points[to]);
    }

    /// <summary>The prepared pair, if it was one of the committed edges.</summary>
    public bool TryGet(int from, int to, out (double Duration, double Distance) value)
    {
        if (from == to)
        {
            value = (0, 0);
            return true;
        }
        return _pairs.TryGetValue(Key(from, to), out value);
    }

    /// <summary>How many pairs were prepared.</summary>
    public int Count => _pairs.Count;

    // Independent of the number of points, which grows when a plan is updated in place.
    private static long Key(int from, int to) => ((long)from << 32) | (uint)to;
}
