using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// For each request, the requests with a stop (pickup or delivery) among the <see cref="Count"/> nearest to its pickup
/// and among the <see cref="Count"/> nearest to its delivery, in space and time: travel time from the request's stop
/// plus the difference of the two stops' window centres. The routes serving them are the routes that pass near the
/// request's stops at about the right time, which is where relocating it can pay (the candidate routes of the granular
/// relocate; granular neighbourhoods after Toth &amp; Vigo 2003).
/// </summary>
/// <remarks>
/// Stops are sorted by window centre once; each query scans outward in time from its own centre and stops on a side
/// as soon as the time difference alone reaches the k-th best kept (the key is never below it), so a whole day costs
/// far less than all pairs. Ties go to the lower stop index (pickup of request r = 2r, its delivery = 2r + 1).
/// </remarks>
internal sealed class StopNeighbours
{
    private readonly int[] _near;

    private StopNeighbours(int[] near, int count, int requests)
    {
        _near = near;
        Count = count;
        Requests = requests;
    }

    /// <summary>Nearest stops kept per stop of a request.</summary>
    public int Count { get; }

    /// <summary>Requests of the problem the lists were built for.</summary>
    public int Requests { get; }

    /// <summary>The requests owning the nearest stops: first those near the pickup (nearest first), then those near the
    /// delivery; a request may appear more than once.</summary>
    public ReadOnlySpan<int> Of(int request) => _near.AsSpan(request * 2 * Count, 2 * Count);

    /// <summary>Space-time distance from stop <paramref name="from"/> to stop <paramref name="to"/> (indices 2r, 2r + 1).</summary>
    public static double Distance(ProblemData data, int from, int to)
    {
        ref readonly var a = ref Stop(data, from);
        ref readonly var b = ref Stop(data, to);
        return Math.Abs(Centre(a) - Centre(b)) + data.Matrix.Duration(a.Location, b.Location);
    }

    /// <summary>Builds the lists with <paramref name="count"/> stops per stop (at most the other requests' stops).</summary>
    public static StopNeighbours Build(ProblemData data, int count)
    {
        int n = data.RequestCount, stops = 2 * n;
        int k = Math.Max(0, Math.Min(count, stops - 2));
        var near = new int[n * 2 * k];
        if (k == 0) return new StopNeighbours(near, 0, n);
        var m = data.Matrix;
        var centre = new double[stops];
        var loc = new int[stops];
        var byTime = new int[stops];
        for (int e = 0; e < stops; e++)
        {
            ref readonly var s = ref Stop(data, e);
            centre[e] = Centre(s);
            loc[e] = s.Location;
            byTime[e] = e;
        }
        var sortKeys = (double[])centre.Clone();
        Array.Sort(sortKeys, byTime);
        var rank = new int[stops];
        for (int i = 0; i < stops; i++) rank[byTime[i]] = i;
        var nearest = new NearestSelection(k);
        var found = new int[k];
        for (int q = 0; q < stops; q++)
        {
            int own = q / 2;
            double tq = centre[q];
            int lo = rank[q] - 1, hi = rank[q] + 1;
            // Outward in time from the stop; a side closes once its time difference alone exceeds the worst kept.
            while (lo >= 0 || hi < stops)
            {
                if (lo >= 0 && !Visit(byTime[lo--])) lo = -1;
                if (hi < stops && !Visit(byTime[hi++])) hi = stops;
            }
            nearest.Drain(found);
            int baseAt = own * 2 * k + (q % 2) * k;
            for (int i = 0; i < k; i++) near[baseAt + i] = found[i] / 2;

            bool Visit(int e)
            {
                double dt = Math.Abs(tq - centre[e]);
                if (nearest.Full && dt > nearest.WorstKey) return false;
                if (e / 2 != own) nearest.Offer(dt + m.Duration(loc[q], loc[e]), e);
                return true;
            }
        }
        return new StopNeighbours(near, k, n);
    }

    private static ref readonly StopNode Stop(ProblemData data, int stop) =>
        ref (stop % 2 == 0 ? ref data.Pickups[stop / 2] : ref data.Deliveries[stop / 2]);

    /// <summary>Centre of a stop's window; its earliest time when the window is open-ended.</summary>
    private static double Centre(in StopNode stop) =>
        double.IsFinite(stop.Latest) ? 0.5 * (stop.Earliest + stop.Latest) : stop.Earliest;
}
