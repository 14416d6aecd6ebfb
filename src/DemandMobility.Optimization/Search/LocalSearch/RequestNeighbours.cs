using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// For each request, its <see cref="Count"/> nearest other requests: the candidate lists of a granular neighbourhood
/// (Toth &amp; Vigo 2003, "The granular tabu search and its application to the vehicle-routing problem", INFORMS J.
/// Computing 15(4)): a move that relates a request only to a far-away one practically never improves, so the local
/// search looks only at moves between a request and its near neighbours.
/// </summary>
/// <remarks>
/// Two measures. <see cref="Spatial"/>: pickup-to-pickup plus delivery-to-delivery travel time, for instances whose
/// requests all lie in a short horizon (the small benchmark sets). <see cref="SpaceTime"/> adds the difference of the
/// pickup windows' and of the delivery windows' centres (Shaw's relatedness, Shaw 1998, with travel time and time
/// difference weighted equally), for a whole day: two requests at the same stop hours apart cannot share a bus.
/// The space-time lists are built by a bounded selection (O(n² log k)) with ties broken by the lower request index.
/// </remarks>
internal sealed class RequestNeighbours
{
    private readonly int[] _near;

    private RequestNeighbours(int[] near, int count, int requests)
    {
        _near = near;
        Count = count;
        Requests = requests;
    }

    /// <summary>Neighbours per request (the requested number, at most requests − 1).</summary>
    public int Count { get; }

    /// <summary>Requests of the problem the lists were built for.</summary>
    public int Requests { get; }

    /// <summary>The neighbours of <paramref name="request"/>, nearest first.</summary>
    public ReadOnlySpan<int> Of(int request) => _near.AsSpan(request * Count, Count);

    /// <summary>The space-time distance of <see cref="SpaceTime"/> between two requests.</summary>
    public static double SpaceTimeDistance(ProblemData data, int a, int b)
    {
        var m = data.Matrix;
        // Summed in the order SpaceTime sums, so that both give the same value to the last bit.
        double time = Math.Abs(Centre(data.Pickups[a]) - Centre(data.Pickups[b])) + Math.Abs(Centre(data.Deliveries[a]) - Centre(data.Deliveries[b]));
        return time + (m.Duration(data.Pickups[a].Location, data.Pickups[b].Location) + m.Duration(data.Deliveries[a].Location, data.Deliveries[b].Location));
    }

    /// <summary>Nearest by pickup-to-pickup plus delivery-to-delivery travel time (full sort per request).</summary>
    public static RequestNeighbours Spatial(ProblemData data, int count)
    {
        int n = data.RequestCount;
        int k = Math.Max(0, Math.Min(count, n - 1));
        var near = new int[n * k];
        var keys = new double[n];
        var items = new int[n];
        var m = data.Matrix;
        for (int a = 0; a < n && k > 0; a++)
        {
            for (int b = 0; b < n; b++)
            {
                items[b] = b;
                keys[b] = b == a ? double.PositiveInfinity
                    : m.Duration(data.Pickups[a].Location, data.Pickups[b].Location) + m.Duration(data.Deliveries[a].Location, data.Deliveries[b].Location);
            }
            Array.Sort(keys, items);
            Array.Copy(items, 0, near, a * k, k);
        }
        return new RequestNeighbours(near, k, n);
    }

    /// <summary>Nearest by <see cref="SpaceTimeDistance"/>, ties to the lower index.</summary>
    public static RequestNeighbours SpaceTime(ProblemData data, int count)
    {
        int n = data.RequestCount;
        int k = Math.Max(0, Math.Min(count, n - 1));
        var near = new int[n * k];
        if (k == 0) return new RequestNeighbours(near, 0, n);
        var m = data.Matrix;
        var pLoc = new int[n];
        var dLoc = new int[n];
        var pMid = new double[n];
        var dMid = new double[n];
        for (int r = 0; r < n; r++)
        {
            pLoc[r] = data.Pickups[r].Location; dLoc[r] = data.Deliveries[r].Location;
            pMid[r] = Centre(data.Pickups[r]); dMid[r] = Centre(data.Deliveries[r]);
        }
        var nearest = new NearestSelection(k);
        for (int a = 0; a < n; a++)
        {
            for (int b = 0; b < n; b++)
            {
                if (b == a) continue;
                double key = Math.Abs(pMid[a] - pMid[b]) + Math.Abs(dMid[a] - dMid[b]);
                // Time alone already too far: skip the two matrix look-ups.
                if (!nearest.Admits(key, b)) continue;
                nearest.Offer(key + (m.Duration(pLoc[a], pLoc[b]) + m.Duration(dLoc[a], dLoc[b])), b);
            }
            nearest.Drain(near.AsSpan(a * k, k));
        }
        return new RequestNeighbours(near, k, n);
    }

    /// <summary>Centre of a stop's window; its earliest time when the window is open-ended.</summary>
    private static double Centre(in StopNode stop) =>
        double.IsFinite(stop.Latest) ? 0.5 * (stop.Earliest + stop.Latest) : stop.Earliest;
}
