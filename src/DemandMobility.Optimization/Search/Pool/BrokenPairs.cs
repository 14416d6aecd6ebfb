using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.Pool;

/// <summary>
/// Which requests two solutions serve differently, by the broken-pairs distance (Prins 2009, "Two memetic algorithms
/// for heterogeneous fleet vehicle routing problems", EAAI 22; Vidal, Crainic, Gendreau, Lahrichi &amp; Rei 2012, "A hybrid
/// genetic algorithm for multidepot and periodic vehicle routing problems", Operations Research 60(3), Section 4.3): a
/// stop's neighbours are the stops before and after it on its route (a route's start and end count as one depot), and a
/// request differs when one of its stops has another neighbour in the other solution or is served in one only.
/// </summary>
/// <remarks>
/// Vehicles are not told apart (the same sequence on another vehicle is the same route), which fits the homogeneous
/// fleets the episodes that use it run on. Stops are keyed 2r (pickup of request r) and 2r + 1 (its delivery); breaks
/// are skipped, so a break between two stops does not separate them. One pass over each solution's stops, no allocation
/// after construction.
/// </remarks>
internal sealed class BrokenPairs
{
    private const int Depot = -1;
    /// <summary>Neighbour of a stop that the first solution does not serve.</summary>
    private const int Unserved = -2;
    private readonly int[] _before;
    private readonly int[] _after;

    /// <summary>Creates the scratch arrays for solutions of <paramref name="requestCount"/> requests.</summary>
    public BrokenPairs(int requestCount)
    {
        if (requestCount < 0) throw new ArgumentOutOfRangeException(nameof(requestCount), requestCount, "Must not be negative.");
        _before = new int[2 * requestCount];
        _after = new int[2 * requestCount];
    }

    /// <summary>
    /// Sets <paramref name="differs"/>[r] for every request r that <paramref name="a"/> and <paramref name="b"/> serve
    /// differently and returns how many there are.
    /// </summary>
    /// <exception cref="ArgumentException">The solutions or <paramref name="differs"/> do not have this instance's request count.</exception>
    public int Mark(SearchState a, SearchState b, bool[] differs)
    {
        int requests = _before.Length / 2;
        if (a.RouteOf.Length != requests || b.RouteOf.Length != requests || differs.Length != requests)
            throw new ArgumentException($"Both solutions and the result must have {requests} requests.", nameof(differs));
        Array.Fill(_before, Unserved);
        Array.Fill(_after, Unserved);
        foreach (var route in a.Routes) Record(route.Stops);
        int count = 0;
        for (int r = 0; r < requests; r++) differs[r] = false;
        foreach (var route in b.Routes)
        {
            int previous = Depot;
            var stops = route.Stops;
            for (int i = 0; i < stops.Length; i++)
            {
                if (stops[i].IsBreak) continue;
                int key = Key(stops[i]);
                int next = NextKey(stops, i);
                if (_before[key] != previous || _after[key] != next) count += MarkRequest(differs, stops[i].Request);
                previous = key;
            }
        }
        // A request that a serves and b does not was not visited above.
        for (int r = 0; r < requests; r++)
            if (!differs[r] && (a.RouteOf[r] < 0) != (b.RouteOf[r] < 0)) count += MarkRequest(differs, r);
        return count;
    }

    private void Record(ReadOnlySpan<Routes.StopNode> stops)
    {
        int previous = Depot;
        for (int i = 0; i < stops.Length; i++)
        {
            if (stops[i].IsBreak) continue;
            int key = Key(stops[i]);
            _before[key] = previous;
            _after[key] = NextKey(stops, i);
            previous = key;
        }
    }

    private static int MarkRequest(bool[] differs, int request)
    {
        if (differs[request]) return 0;
        differs[request] = true;
        return 1;
    }

    private static int NextKey(ReadOnlySpan<Routes.StopNode> stops, int i)
    {
        for (int j = i + 1; j < stops.Length; j++)
            if (!stops[j].IsBreak) return Key(stops[j]);
        return Depot;
    }

    private static int Key(in Routes.StopNode stop) => 2 * stop.Request + (stop.Kind == StopKind.Delivery ? 1 : 0);
}
