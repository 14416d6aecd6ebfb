using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// One driven leg between stops: the routed geometry with cumulative distance, and its duration spread over the
/// geometry in proportion to distance (the router gives one duration per route), for interpolating GPS fixes.
/// </summary>
internal sealed class RoadLeg
{
    private readonly GeoPoint[] _points;
    private readonly double[] _cumulativeMetres;

    public RoadLeg(GeoPoint[] points, double durationSeconds, double distanceMetres, long startTicks)
    {
        _points = points.Length > 0 ? points : [default];
        _cumulativeMetres = new double[_points.Length];
        for (int i = 1; i < _points.Length; i++)
            _cumulativeMetres[i] = _cumulativeMetres[i - 1] + GeoMath.HaversineMetres(_points[i - 1], _points[i]);
        DurationSeconds = Math.Max(0, durationSeconds);
        DistanceMetres = Math.Max(0, distanceMetres);
        StartTicks = startTicks;
    }

    public double DurationSeconds { get; }
    public double DistanceMetres { get; }
    public long StartTicks { get; }
    public long EndTicks => StartTicks + (long)Math.Round(DurationSeconds * TimeSpan.TicksPerSecond);
    public GeoPoint End => _points[^1];
    public ReadOnlySpan<GeoPoint> Points => _points;

    /// <summary>Share of the leg done at <paramref name="ticks"/> (0..1).</summary>
    public double Progress(long ticks) =>
        DurationSeconds <= 0 ? 1 : Math.Clamp((ticks - StartTicks) / (DurationSeconds * TimeSpan.TicksPerSecond), 0, 1);

    /// <summary>The interpolated position at <paramref name="ticks"/>.</summary>
    public GeoPoint PositionAt(long ticks)
    {
        double total = _cumulativeMetres[^1];
        if (total <= 0) return _points[^1];
        double target = Progress(ticks) * total;
        int i = Array.BinarySearch(_cumulativeMetres, target);
        if (i >= 0) return _points[i];
        i = ~i;
        if (i >= _points.Length) return _points[^1];
        double span = _cumulativeMetres[i] - _cumulativeMetres[i - 1];
        double f = span > 0 ? (target - _cumulativeMetres[i - 1]) / span : 1;
        var a = _points[i - 1];
        var b = _points[i];
        return new GeoPoint(a.Latitude + f * (b.Latitude - a.Latitude), a.Longitude + f * (b.Longitude - a.Longitude));
    }

    /// <summary>The geometry driven up to <paramref name="ticks"/> (for the track when a leg is abandoned).</summary>
    public int PointsDoneAt(long ticks)
    {
        double total = _cumulativeMetres[^1];
        if (total <= 0) return _points.Length;
        double target = Progress(ticks) * total;
        int i = Array.BinarySearch(_cumulativeMetres, target);
        return i >= 0 ? i + 1 : ~i;
    }
}
