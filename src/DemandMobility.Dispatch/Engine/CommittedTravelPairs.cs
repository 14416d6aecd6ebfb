using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The travel times and distances between consecutive locations of a planning problem's committed routes (vehicle
/// start → stops → end, and start → end of an empty route), read from the travel cache once when the plan is
/// prepared, so that an insertion search on it never reaches the router: an insertion reads a committed pair only
/// where it already is an edge of a route; every pair with a new point is in the quote's own rows and columns.
/// Quotes share it across threads and only read it; a plan carried to the next version adds the pairs of its changed
/// routes (<see cref="Add"/>) and replaces those of a moved start (<see cref="Remove"/>) while no quote runs.
/// </summary>
internal sealed class CommittedTravelPairs
{
    private readonly Dictionary<long, (double Duration, double Distance)> _pairs;
    private readonly int _count;

    private CommittedTravelPairs(int count, Dictionary<long, (double, double)> pairs)
    {
        _count = count;
        _pairs = pairs;
    }

    /// <summary>The pairs along every route of <paramref name="plan"/> and every vehicle's start → end.</summary>
    public static CommittedTravelPairs Of(GeoPoint[] points, Problem problem, Solution plan, TravelCache cache)
    {
        int n = points.Length;
        var pairs = new Dictionary<long, (double, double)>();
        void Add(int from, int to)
        {
            long key = (long)from * n + to;
            if (from != to && !pairs.ContainsKey(key)) pairs[key] = cache.Get(points[from], points[to]);
        }
        foreach (var vehicle in problem.Vehicles) Add(vehicle.StartLocation, vehicle.EndLocation);
        foreach (var route in plan.Routes)
        {
            var vehicle = problem.Vehicles[route.Vehicle];
            int at = vehicle.StartLocation;
            foreach (var s in route.Stops)
            {
                if (s.Kind == StopKind.Break) continue;
                var r = problem.Requests[s.Request];
                int next = s.Kind == StopKind.Pickup ? r.PickupLocation : r.DeliveryLocation;
                Add(at, next);
                at = next;
            }
            Add(at, vehicle.EndLocation);
        }
        return new CommittedTravelPairs(n, pairs);
    }

    /// <summary>Adds the pair <paramref name="from"/> → <paramref name="to"/> of <paramref name="points"/> if it is new; not thread-safe.</summary>
    public void Add(GeoPoint[] points, int from, int to, TravelCache cache)
    {
        long key = (long)from * _count + to;
        if (from != to && !_pairs.ContainsKey(key)) _pairs[key] = cache.Get(points[from], points[to]);
    }

    /// <summary>Forgets the pair <paramref name="from"/> → <paramref name="to"/> (a moved start's old edge); not thread-safe.</summary>
    public void Remove(int from, int to) => _pairs.Remove((long)from * _count + to);

    /// <summary>The prepared pair, if it was one of the committed edges.</summary>
    public bool TryGet(int from, int to, out (double Duration, double Distance) value)
    {
        if (from == to)
        {
            value = (0, 0);
            return true;
        }
        return _pairs.TryGetValue((long)from * _count + to, out value);
    }

    /// <summary>How many pairs were prepared.</summary>
    public int Count => _pairs.Count;
}
