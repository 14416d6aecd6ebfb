using System.Collections.Concurrent;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Memoises point-to-point travel results between stops of committed routes, which every later quote,
/// reschedule and re-optimisation reads again; one-off pairs of quotes bypass it (see <see cref="PlanTravelMatrix"/>).
/// </summary>
internal sealed class TravelCache
{
    private const int MaxEntries = 2_000_000;
    private readonly ITravelTimeService _service;
    private readonly ConcurrentDictionary<(GeoPoint, GeoPoint), (double Duration, double Distance)> _pairs = new();

    public TravelCache(ITravelTimeService service) => _service = service;

    public ITravelTimeService Service => _service;

    public (double Duration, double Distance) Get(GeoPoint from, GeoPoint to)
    {
        if (from == to) return (0, 0);
        if (_pairs.TryGetValue((from, to), out var v)) return v;
        var t = _service.Table([from], [to]);
        v = (t.Duration(0, 0), t.Distance(0, 0));
        Remember(from, to, v);
        return v;
    }

    public double Duration(GeoPoint from, GeoPoint to) => Get(from, to).Duration;

    private void Remember(GeoPoint from, GeoPoint to, (double, double) v)
    {
        // A crude bound instead of LRU: the working set of a service day is far below it.
        if (_pairs.Count >= MaxEntries) _pairs.Clear();
        _pairs[(from, to)] = v;
    }
}
