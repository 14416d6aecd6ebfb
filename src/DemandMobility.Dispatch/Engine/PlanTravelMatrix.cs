using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// A matrix over the points of one planning problem. The first <c>fresh</c> points (the new request's
/// pickup and drop-off) get their rows and columns from one table call each, held in flat arrays; all other
/// pairs (consecutive stops of committed routes) come from the travel cache on demand. So building a
/// problem with a thousand stops neither fills a million entries nor grows the cache with one-off pairs
/// of quotes that are never booked.
/// </summary>
/// <remarks>
/// When <see cref="TravelNeeds"/> are given, the fresh rows and columns cover only the plan points named there
/// (see <see cref="InsertionPrefilter"/>); every other pair with a fresh point reads as unreachable, which the
/// insertion search treats as an infeasible position — exactly what the prefilter proved it to be.
/// </remarks>
internal sealed class PlanTravelMatrix : ITravelMatrix
{
    private readonly GeoPoint[] _points;
    private readonly TravelCache _cache;
    private readonly int _fresh;
    private readonly int[] _rowSlot, _colSlot;
    private readonly int _rowCount, _colCount;
    private readonly double[] _rowDuration, _rowDistance, _colDuration, _colDistance;

    public PlanTravelMatrix(GeoPoint[] points, TravelCache cache, int fresh, TravelNeeds? needs = null)
    {
        _points = points;
        _cache = cache;
        _fresh = fresh;
        if (fresh == 0)
        {
            _rowSlot = _colSlot = [];
            _rowDuration = _rowDistance = _colDuration = _colDistance = [];
            return;
        }
        var freshPoints = points.AsSpan(0, fresh).ToArray();
        int n = points.Length;
        // Slot of each point in the compact fresh rows/columns; -1 = not tabled (unreachable).
        _rowSlot = new int[n];
        _colSlot = new int[n];
        var rowPoints = new List<GeoPoint>(needs is null ? n : needs.To.Count + fresh);
        var colPoints = new List<GeoPoint>(needs is null ? n : needs.From.Count + fresh);
        for (int i = 0; i < n; i++)
        {
            bool own = i < fresh;
            _rowSlot[i] = own || needs is null || needs.To.Contains(points[i]) ? Add(rowPoints, points[i]) : -1;
            _colSlot[i] = own || needs is null || needs.From.Contains(points[i]) ? Add(colPoints, points[i]) : -1;
        }
        _rowCount = rowPoints.Count;
        _colCount = colPoints.Count;
        var rows = cache.Service.Table(freshPoints, rowPoints);
        var cols = cache.Service.Table(colPoints, freshPoints);
        _rowDuration = rows.DurationsSeconds;
        _rowDistance = rows.DistancesMetres;
        // Stored column-major (fresh point × tabled points) so one fresh point's column is contiguous.
        _colDuration = new double[fresh * _colCount];
        _colDistance = new double[fresh * _colCount];
        for (int i = 0; i < _colCount; i++)
            for (int f = 0; f < fresh; f++)
            {
                _colDuration[f * _colCount + i] = cols.Duration(i, f);
                _colDistance[f * _colCount + i] = cols.Distance(i, f);
            }
    }

    private static int Add(List<GeoPoint> list, GeoPoint p)
    {
        list.Add(p);
        return list.Count - 1;
    }

    public int Count => _points.Length;

    public double Duration(int from, int to)
    {
        if (from < _fresh) return _rowSlot[to] is var r and >= 0 ? _rowDuration[from * _rowCount + r] : double.PositiveInfinity;
        if (to < _fresh) return _colSlot[from] is var c and >= 0 ? _colDuration[to * _colCount + c] : double.PositiveInfinity;
        return _cache.Get(_points[from], _points[to]).Duration;
    }

    public double Distance(int from, int to)
    {
        if (from < _fresh) return _rowSlot[to] is var r and >= 0 ? _rowDistance[from * _rowCount + r] : double.PositiveInfinity;
        if (to < _fresh) return _colSlot[from] is var c and >= 0 ? _colDistance[to * _colCount + c] : double.PositiveInfinity;
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
