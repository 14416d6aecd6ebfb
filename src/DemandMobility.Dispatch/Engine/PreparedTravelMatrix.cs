using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The matrix of a prepared plan (<see cref="PreparedPlan"/>): points 0 and 1 are the current request's pickup and
/// drop-off, refilled per quote by <see cref="SetRequest"/> with one one-to-many and one many-to-one table over the
/// plan points the prefilter names (as <see cref="PlanTravelMatrix"/> does for a rebuilt problem: every other pair
/// with a new point reads as unreachable); all other pairs come from the shared <see cref="CommittedTravelPairs"/>.
/// One instance per concurrent quote: the request part is mutable.
/// </summary>
internal sealed class PreparedTravelMatrix : ITravelMatrix
{
    private const int Fresh = 2;
    private readonly GeoPoint[] _points;
    private readonly Dictionary<GeoPoint, int> _indexOf;
    private readonly CommittedTravelPairs _committed;
    private readonly TravelCache _cache;
    private readonly int[] _rowSlot, _colSlot;
    private readonly List<int> _slotted = [];
    private readonly List<GeoPoint> _rowPoints = [], _colPoints = [];
    private int _rowCount, _colCount;
    private double[] _rowDuration = [], _rowDistance = [], _colDuration = [], _colDistance = [];

    /// <param name="points">The problem's points; the first two are the request's and are replaced per quote.</param>
    /// <param name="indexOf">Index of each plan point (from 2 on).</param>
    /// <param name="committed">The committed routes' pairs.</param>
    /// <param name="cache">The travel band the plan was prepared in; a pair missing from <paramref name="committed"/> is read from it.</param>
    public PreparedTravelMatrix(GeoPoint[] points, Dictionary<GeoPoint, int> indexOf, CommittedTravelPairs committed, TravelCache cache)
    {
        _points = (GeoPoint[])points.Clone();
        _indexOf = indexOf;
        _committed = committed;
        _cache = cache;
        _rowSlot = new int[points.Length];
        _colSlot = new int[points.Length];
        Array.Fill(_rowSlot, -1);
        Array.Fill(_colSlot, -1);
    }

    /// <summary>
    /// Makes points 0 and 1 the pickup and drop-off of the quote's request and tables them against the plan points
    /// in <paramref name="needs"/> (and each other). Not thread-safe.
    /// </summary>
    public void SetRequest(GeoPoint pickup, GeoPoint delivery, TravelNeeds needs)
    {
        foreach (int i in _slotted) _rowSlot[i] = _colSlot[i] = -1;
        _slotted.Clear();
        _rowPoints.Clear();
        _colPoints.Clear();
        _points[0] = pickup;
        _points[1] = delivery;
        for (int f = 0; f < Fresh; f++)
        {
            _rowSlot[f] = Add(_rowPoints, _points[f]);
            _colSlot[f] = Add(_colPoints, _points[f]);
            _slotted.Add(f);
        }
        foreach (var p in needs.To)
            if (_indexOf.TryGetValue(p, out int i))
            {
                _rowSlot[i] = Add(_rowPoints, p);
                _slotted.Add(i);
            }
        foreach (var p in needs.From)
            if (_indexOf.TryGetValue(p, out int i))
            {
                _colSlot[i] = Add(_colPoints, p);
                _slotted.Add(i);
            }
        _rowCount = _rowPoints.Count;
        _colCount = _colPoints.Count;
        var fresh = _points.AsSpan(0, Fresh).ToArray();
        var rows = _cache.Service.Table(fresh, _rowPoints);
        var cols = _cache.Service.Table(_colPoints, fresh);
        _rowDuration = rows.DurationsSeconds;
        _rowDistance = rows.DistancesMetres;
        // Column-major (request point × tabled points), as in PlanTravelMatrix.
        if (_colDuration.Length < Fresh * _colCount)
        {
            _colDuration = new double[Fresh * _colCount];
            _colDistance = new double[Fresh * _colCount];
        }
        for (int i = 0; i < _colCount; i++)
            for (int f = 0; f < Fresh; f++)
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
        if (from < Fresh) return _rowSlot[to] is var r and >= 0 ? _rowDuration[from * _rowCount + r] : double.PositiveInfinity;
        if (to < Fresh) return _colSlot[from] is var c and >= 0 ? _colDuration[to * _colCount + c] : double.PositiveInfinity;
        return _committed.TryGet(from, to, out var v) ? v.Duration : _cache.Get(_points[from], _points[to]).Duration;
    }

    public double Distance(int from, int to)
    {
        if (from < Fresh) return _rowSlot[to] is var r and >= 0 ? _rowDistance[from * _rowCount + r] : double.PositiveInfinity;
        if (to < Fresh) return _colSlot[from] is var c and >= 0 ? _colDistance[to * _colCount + c] : double.PositiveInfinity;
        return _committed.TryGet(from, to, out var v) ? v.Distance : _cache.Get(_points[from], _points[to]).Distance;
    }
}
