using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search.Routes;

/// <summary>
/// Scratch copy of a route with both stops of one request taken out, with its own prefix and suffix
/// segments (O(n) to build), so that the best reinsertion of another request into it is evaluated like an
/// insertion into an unchanged route (exchange, intra-route relocate).
/// </summary>
internal sealed class ReducedRoute
{
    private StopNode[] _stops = new StopNode[64];
    private RouteSegment[] _head = new RouteSegment[66], _tail = new RouteSegment[66];
    private int _count, _vehicle, _locked;
    private LoadVector _initialLoad;
    private RouteSegment _end;

    /// <summary>Whole-route segment of the reduced route (start to end).</summary>
    public RouteSegment Whole { get; private set; }

    /// <summary>Copies <paramref name="route"/> (segments built) without request <paramref name="request"/>.</summary>
    public void Build(WorkingRoute route, int request, ITravelMatrix m)
    {
        int n = route.Count;
        if (_stops.Length < n) { _stops = new StopNode[2 * n]; _head = new RouteSegment[2 * n + 2]; _tail = new RouteSegment[2 * n + 2]; }
        int w = 0;
        foreach (ref readonly var s in route.Stops)
            if (s.Request != request || s.Kind == StopKind.Break) _stops[w++] = s;
        _count = w;
        _vehicle = route.Vehicle;
        _locked = route.LockedCount;
        _initialLoad = route.InitialLoad;
        _end = route.EndSegment;
        _head[0] = route.HeadTo(0);
        for (int i = 1; i <= w; i++) _head[i] = RouteSegment.Concat(_head[i - 1], RouteSegment.Of(_stops[i - 1]), m);
        if (w > 0)
        {
            _tail[w] = RouteSegment.Of(_stops[w - 1]);
            for (int i = w - 1; i >= 1; i--) _tail[i] = RouteSegment.Concat(RouteSegment.Of(_stops[i - 1]), _tail[i + 1], m);
        }
        Whole = RouteSegment.Concat(_head[w], _end, m);
    }

    public SegmentView View() => new(_vehicle, _initialLoad, _locked, _stops.AsSpan(0, _count), _head, _tail, _end);
}
