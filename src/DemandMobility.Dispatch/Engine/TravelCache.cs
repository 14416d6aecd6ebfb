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
    private readonly ConcurrentDictionary<GeoPoint, double> _snapOffsets = new();
    private readonly double _maxSpeed;
    private readonly ConcurrentDictionary<ITravelTimeService, TravelCache> _bands = new(ReferenceEqualityComparer.Instance);

    public TravelCache(ITravelTimeService service)
    {
        _service = service;
        _maxSpeed = service.MaxSpeedMetresPerSecond;
    }

    /// <summary>Whether <see cref="LowerBound"/> can be anything but zero.</summary>
    public bool HasSpeedBound => double.IsFinite(_maxSpeed) && _maxSpeed > 0;

    public ITravelTimeService Service => _service;

    /// <summary>Incremented by <see cref="Clear"/>: state prepared from this cache's times is stale once it moves.</summary>
    public int Generation => Volatile.Read(ref _generation);

    private int _generation;

    /// <summary>Forgets every memoised pair (the service's router was replaced by a re-weighted one).</summary>
    public void Clear()
    {
        _pairs.Clear();
        _snapOffsets.Clear();
        _bands.Clear();
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// The cache of the travel times for trips starting at <paramref name="departure"/>: this cache in free-flow
    /// hours, otherwise one kept per time-of-day band (see <see cref="ITravelTimeService.ForDeparture"/>), so a
    /// quote plans all of its pairs in one band and committed pairs are memoised once per band.
    /// </summary>
    public TravelCache ForDeparture(DateTimeOffset departure)
    {
        var banded = _service.ForDeparture(departure);
        if (ReferenceEquals(banded, _service)) return this;
        return _bands.GetOrAdd(banded, s => new TravelCache(s));
    }

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

    /// <summary>
    /// A duration no road trip between two points undercuts: their great-circle distance, less how far each
    /// lies from the road it snaps to (<see cref="SnapOffset"/>), at the network's top speed.
    /// </summary>
    public double LowerBound(GeoPoint from, double fromOffset, GeoPoint to, double toOffset)
    {
        if (!HasSpeedBound) return 0;
        double metres = GeoMath.HaversineMetres(from, to) - fromOffset - toOffset;
        return metres > 0 ? metres / _maxSpeed : 0;
    }

    /// <summary>
    /// How far a point lies from the road the router starts from (plus a metre for rounding); infinity when it
    /// cannot be snapped, which makes every bound through it zero. With <paramref name="remember"/> the answer is
    /// memoised: plan points are asked about on every quote, a quote's own points only once. Stops are snapped
    /// points already, so this is near zero for them.
    /// </summary>
    public double SnapOffset(GeoPoint p, bool remember)
    {
        if (!HasSpeedBound) return 0;
        if (_snapOffsets.TryGetValue(p, out double d)) return d;
        var snap = _service.Snap(p);
        d = snap.Status == SnapStatus.Snapped ? snap.WalkingMetres + 1 : double.PositiveInfinity;
        if (!remember) return d;
        if (_snapOffsets.Count >= MaxEntries) _snapOffsets.Clear();
        _snapOffsets[p] = d;
        return d;
    }

    private void Remember(GeoPoint from, GeoPoint to, (double, double) v)
    {
        // A crude bound instead of LRU: the working set of a service day is far below it.
        if (_pairs.Count >= MaxEntries) _pairs.Clear();
        _pairs[(from, to)] = v;
    }
}
