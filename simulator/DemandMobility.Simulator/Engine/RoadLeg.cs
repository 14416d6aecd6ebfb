using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// One driven leg between stops: the routed geometry with cumulative distance and cumulative (true) time, for
/// interpolating GPS fixes. Without a timing the duration is spread over the geometry in proportion to distance.
/// <see cref="PlannedSeconds"/> is what the dispatcher's table said the leg takes, so a difference is the leg's delay.
/// </summary>
internal sealed class RoadLeg
{
    private readonly GeoPoint[] _points;
    private readonly double[] _cumulativeMetres;
    private readonly double[] _cumulativeSeconds;
    private readonly double[]? _plannedCumulativeSeconds;

    public RoadLeg(GeoPoint[] points, double durationSeconds, double distanceMetres, long startTicks)
        : this(points, null, null, durationSeconds, distanceMetres, startTicks, durationSeconds)
    {
    }

    /// <summary>
    /// A leg with a true timing per point (<paramref name="cumulativeSeconds"/>, first 0, same length as the points)
    /// and the planned timing of the same points (<paramref name="plannedCumulativeSeconds"/>).
    /// </summary>
    public RoadLeg(GeoPoint[] points, double[]? cumulativeSeconds, double[]? plannedCumulativeSeconds, double durationSeconds,
        double distanceMetres, long startTicks, double plannedSeconds)
    {
        if (plannedCumulativeSeconds is not null && plannedCumulativeSeconds.Length == points.Length) _plannedCumulativeSeconds = plannedCumulativeSeconds;
        _points = points.Length > 0 ? points : [default];
        _cumulativeMetres = new double[_points.Length];
        for (int i = 1; i < _points.Length; i++)
            _cumulativeMetres[i] = _cumulativeMetres[i - 1] + GeoMath.HaversineMetres(_points[i - 1], _points[i]);
        DurationSeconds = Math.Max(0, cumulativeSeconds is { Length: > 0 } c && c.Length == _points.Length ? c[^1] : durationSeconds);
        if (cumulativeSeconds is not null && cumulativeSeconds.Length == _points.Length) _cumulativeSeconds = cumulativeSeconds;
        else
        {
            _cumulativeSeconds = new double[_points.Length];
            double total = _cumulativeMetres[^1];
            for (int i = 1; i < _points.Length; i++)
                _cumulativeSeconds[i] = total > 0 ? _cumulativeMetres[i] / total * DurationSeconds : DurationSeconds;
        }
        DistanceMetres = Math.Max(0, distanceMetres);
        StartTicks = startTicks;
        PlannedSeconds = Math.Max(0, plannedSeconds);
    }

    public double DurationSeconds { get; }
    public double DistanceMetres { get; }
    public double PlannedSeconds { get; }
    public long StartTicks { get; }
    public long EndTicks => StartTicks + (long)Math.Round(DurationSeconds * TimeSpan.TicksPerSecond);
    public GeoPoint End => _points[^1];
    public ReadOnlySpan<GeoPoint> Points => _points;

    /// <summary>Share of the leg's time done at <paramref name="ticks"/> (0..1).</summary>
    public double Progress(long ticks) =>
        DurationSeconds <= 0 ? 1 : Math.Clamp((ticks - StartTicks) / (DurationSeconds * TimeSpan.TicksPerSecond), 0, 1);

    /// <summary>Share of the leg's distance done at <paramref name="ticks"/> (0..1).</summary>
    public double DistanceShare(long ticks)
    {
        double total = _cumulativeMetres[^1];
        if (total <= 0) return Progress(ticks);
        var (i, f) = Locate(ticks);
        if (i >= _points.Length - 1) return 1;
        return (_cumulativeMetres[i] + f * (_cumulativeMetres[i + 1] - _cumulativeMetres[i])) / total;
    }

    /// <summary>The planned seconds of the part of the leg driven by <paramref name="ticks"/> (its delay = elapsed − this).</summary>
    public double PlannedSecondsDoneAt(long ticks)
    {
        if (_plannedCumulativeSeconds is not { } planned) return PlannedSeconds * Progress(ticks);
        var (i, f) = Locate(ticks);
        if (i >= _points.Length - 1) return PlannedSeconds;
        return planned[i] + f * (planned[i + 1] - planned[i]);
    }

    /// <summary>The interpolated position at <paramref name="ticks"/>.</summary>
    public GeoPoint PositionAt(long ticks)
    {
        var (i, f) = Locate(ticks);
        if (i >= _points.Length - 1) return _points[^1];
        var a = _points[i];
        var b = _points[i + 1];
        return new GeoPoint(a.Latitude + f * (b.Latitude - a.Latitude), a.Longitude + f * (b.Longitude - a.Longitude));
    }

    /// <summary>The geometry driven up to <paramref name="ticks"/> (for the track when a leg is abandoned).</summary>
    public int PointsDoneAt(long ticks)
    {
        var (i, f) = Locate(ticks);
        if (i >= _points.Length - 1) return _points.Length;
        return i + 1;
    }

    /// <summary>The segment (start point index) and the share of it done at <paramref name="ticks"/>.</summary>
    private (int Segment, double Fraction) Locate(long ticks)
    {
        if (_points.Length < 2 || DurationSeconds <= 0) return (_points.Length - 1, 1);
        double t = Progress(ticks) * DurationSeconds;
        if (t >= _cumulativeSeconds[^1]) return (_points.Length - 1, 1);
        int i = Array.BinarySearch(_cumulativeSeconds, t);
        if (i >= 0)
        {
            // Zero-time segments share a cumulative value: take the last point at this time.
            while (i + 1 < _cumulativeSeconds.Length && _cumulativeSeconds[i + 1] <= t) i++;
            return i >= _points.Length - 1 ? (_points.Length - 1, 1) : (i, 0);
        }
        i = ~i - 1;
        double span = _cumulativeSeconds[i + 1] - _cumulativeSeconds[i];
        return (i, span > 0 ? (t - _cumulativeSeconds[i]) / span : 1);
    }
}
