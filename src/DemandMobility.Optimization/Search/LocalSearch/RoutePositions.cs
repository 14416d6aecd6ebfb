using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Where each stop of one route sits (1-based position, as <see cref="WorkingRoute"/>'s cut positions), indexed by stop
/// index (<see cref="StopNeighbours.IndexOf"/>), so that a granular move turns a neighbour list into positions in O(1) per
/// entry. Re-indexing a route costs its length; stale entries are told apart by a stamp instead of clearing.
/// </summary>
internal sealed class RoutePositions
{
    private int[] _position = Array.Empty<int>();
    private int[] _stamp = Array.Empty<int>();
    private int _current;

    /// <summary>Indexes the stops of <paramref name="route"/> (a problem of <paramref name="requests"/> requests).</summary>
    public void Index(WorkingRoute route, int requests)
    {
        if (_stamp.Length != 2 * requests)
        {
            _position = new int[2 * requests];
            _stamp = new int[2 * requests];
            _current = 0;
        }
        if (++_current == int.MaxValue)
        {
            Array.Clear(_stamp);
            _current = 1;
        }
        var stops = route.Stops;
        for (int i = 0; i < stops.Length; i++)
        {
            int e = StopNeighbours.IndexOf(stops[i]);
            if (e < 0) continue;
            _position[e] = i + 1;
            _stamp[e] = _current;
        }
    }

    /// <summary>Position (1..n) of stop <paramref name="stop"/> in the indexed route, or 0 when it is not there.</summary>
    public int Of(int stop) => _stamp[stop] == _current ? _position[stop] : 0;
}
