using System.Collections.Concurrent;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Remembers where table points snapped: a dispatcher tables the same plan stops against every new request,
/// and snapping (a grid scan) cost about as much as the searches themselves. Snapping depends only on the
/// coordinate and the router's fixed options, so a remembered answer is the answer. Bounded by a crude
/// clear-when-full rather than LRU; thread-safe.
/// </summary>
internal sealed class SnapMemo
{
    private const int MaxEntries = 1 << 16;
    private readonly ConcurrentDictionary<GeoCoordinate, SnappedPoint> _snaps = new();

    public SnappedPoint GetOrAdd(GeoCoordinate point, Func<GeoCoordinate, SnappedPoint> snap)
    {
        if (_snaps.TryGetValue(point, out var s)) return s;
        s = snap(point);
        if (_snaps.Count >= MaxEntries) _snaps.Clear();
        _snaps[point] = s;
        return s;
    }
}
