using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// A matrix over the points of one planning problem. The first <c>fresh</c> points (the new request's
/// pickup and drop-off) get their rows and columns from one table call held in flat arrays; all other
/// pairs (consecutive stops of committed routes) come from the travel cache on demand. So building a
/// problem with a thousand stops neither fills a million entries nor grows the cache with one-off pairs
/// of quotes that are never booked.
/// </summary>
internal sealed class PlanTravelMatrix : ITravelMatrix
{
    private readonly GeoPoint[] _points;
    private readonly TravelCache _cache;
    private readonly int _fresh;
    private readonly double[] _rowDuration, _rowDistance, _colDuration, _colDistance;

    public PlanTravelMatrix(GeoPoint[] points, TravelCache cache, int fresh)
    {
        _points = points;
        _cache = cache;
        _fresh = fresh;
        if (fresh == 0)
        {
            _rowDuration = _rowDistance = _colDuration = _colDistance = [];
            return;
        }
        var freshPoints = points.AsSpan(0, fresh).ToArray();
        var rows = cache.Service.Table(freshPoints, points);
        var cols = cache.Service.Table(points, freshPoints);
        _rowDuration = rows.DurationsSeconds;
        _rowDistance = rows.DistancesMetres;
        // Stored column-major (fresh point × all points) so one fresh point's column is contiguous.
        int n = points.Length;
        _colDuration = new double[fresh * n];
        _colDistance = new double[fresh * n];
        for (int i = 0; i < n; i++)
            for (int f = 0; f < fresh; f++)
            {
                _colDuration[f * n + i] = cols.Duration(i, f);
                _colDistance[f * n + i] = cols.Distance(i, f);
            }
    }

    public int Count => _points.Length;

    public double Duration(int from, int to)
    {
        if (from < _fresh) return _rowDuration[from * _points.Length + to];
        if (to < _fresh) return _colDuration[to * _points.Length + from];
        return _cache.Get(_points[from], _points[to]).Duration;
    }

    public double Distance(int from, int to)
    {
        if (from < _fresh) return _rowDistance[from * _points.Length + to];
        if (to < _fresh) return _colDistance[to * _points.Length + from];
        return _cache.Get(_points[from], _points[to]).Distance;
    }

    /// <summary>A dense copy, for the solver which reads every pair many times.</summary>
    public DenseTravelMatrix ToDense()
    {
        int n = _points.Length;
        var table = _cache.Service.Table(_points, _points);
        return new DenseTravelMatrix(n, table.DurationsSeconds, table.DistancesMetres);
    }
}
