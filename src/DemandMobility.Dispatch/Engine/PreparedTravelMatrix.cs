using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The matrix of a prepared plan (<see cref="PreparedPlan"/>): points 0 and 1 are the current request's pickup and
/// drop-off, refilled per quote by <see cref="SetRequest"/> with one one-to-many and one many-to-one table over the
/// plan points the prefilter names (as <see cref="PlanTravelMatrix"/> does for a rebuilt problem: every other pair
/// with a new point reads as unreachable); all other pairs come from the shared <see cref="CommittedTravelPairs"/>.
/// A vehicle that moved since the plan was prepared starts from a start slot of its own (the plan's, see
/// <see cref="PreparedPlan.TryAdvance"/>), tabled wherever the prefilter names its point. One instance per concurrent
/// quote: the request part is mutable.
/// </summary>
internal sealed class PreparedTravelMatrix : ITravelMatrix
{
    private const int Fresh = 2;
    private readonly GeoPoint[] _points;
    private readonly Dictionary<GeoPoint, int> _indexOf;
    private readonly Dictionary<GeoPoint, List<int>> _startsAt;
    private readonly CommittedTravelPairs _committed;
    private readonly TravelCache _cache;
    private readonly int[] _rowSlot, _colSlot;
    private readonly List<int> _slotted = [];
    private readonly List<GeoPoint> _rowPoints = [], _colPoints = [];
    private int _rowCount, _colCount;
    private double[] _rowDuration = [], _rowDistance = [], _colDuration = [], _colDistance = [];

    /// <param name="points">The problem's points; the first two are the request's and are replaced per quote, later
    /// ones spare slots for places of bookings still to come and the duties' start slots (<see cref="SetPoint"/>).</param>
    /// <param name="indexOf">Index of each plan point (from 2 on).</param>
    /// <param name="startsAt">The start slots in use at each point (shared with the plan, changed only while no quote runs).</param>
    /// <param name="committed">The committed routes' pairs.</param>
    /// <param name="cache">The travel band the plan was prepared in; a pair missing from <paramref name="committed"/> is read from it.</param>
    public PreparedTravelMatrix(GeoPoint[] points, Dictionary<GeoPoint, int> indexOf, Dictionary<GeoPoint, List<int>> startsAt,
        CommittedTravelPairs committed, TravelCache cache)
    {
        _points = (GeoPoint[])points.Clone();
        _indexOf = indexOf;
        _startsAt = startsAt;
        _committed = committed;
        _cache = cache;
        _rowSlot = new int[_points.Length];
        _colSlot = new int[_points.Length];
        Array.Fill(_rowSlot, -1);
        Array.Fill(_colSlot, -1);
    }

    /// <summary>Plan point <paramref name="i"/> is <paramref name="p"/> now: a place a new booking brought, or a moved start.</summary>
    public void SetPoint(int i, GeoPoint p) => _points[i] = p;

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
        {
            if (_indexOf.TryGetValue(p, out int i))
            {
                _rowSlot[i] = Add(_rowPoints, p);
                _slotted.Add(i);
            }
            if (_startsAt.TryGetValue(p, out var starts))
                foreach (int m in starts)
                {
                    _rowSlot[m] = Add(_rowPoints, p);
                    _slotted.Add(m);
                }
        }
        foreach (var p in needs.From)
        {
            if (_indexOf.TryGetValue(p, out int i))
            {
                _colSlot[i] = Add(_colPoints, p);
                _slotted.Add(i);
            }
            if (_startsAt.TryGetValue(p, out var starts))
                foreach (int m in starts)
                {
                    _colSlot[m] = Add(_colPoints, p);
                    _slotted.Add(m);
                }
        }
        _rowCount = _rowPoints.Count;
        _colCount = _colPoints.Count;
        var fresh = _points.AsSpan(0, Fresh).ToArray();
        Grow(ref _rowDuration, ref _rowDistance, Fresh * _rowCount);
        Grow(ref _colDuration, ref _colDistance, Fresh * _colCount);
        if (_cache.Service.KeptTable is { } kept)
        {
            // The plan points' searches are kept across quotes (per band): a quote searches from its own two points only.
            var t = kept.Around(fresh, _rowPoints.GetRange(Fresh, _rowCount - Fresh), _colPoints.GetRange(Fresh, _colCount - Fresh));
            for (int f = 0; f < Fresh; f++)
                for (int j = 0; j < _rowCount; j++)
                {
                    var (table, row, column) = j < Fresh ? (t.Between, f, j) : (t.FromFresh, f, j - Fresh);
                    _rowDuration[f * _rowCount + j] = table.Duration(row, column);
                    _rowDistance[f * _rowCount + j] = table.Distance(row, column);
                }
            for (int i = 0; i < _colCount; i++)
                for (int f = 0; f < Fresh; f++)
                {
                    var (table, row, column) = i < Fresh ? (t.Between, i, f) : (t.ToFresh, i - Fresh, f);
                    _colDuration[f * _colCount + i] = table.Duration(row, column);
                    _colDistance[f * _colCount + i] = table.Distance(row, column);
                }
            return;
        }
        var rows = _cache.Service.Table(fresh, _rowPoints);
        var cols = _cache.Service.Table(_colPoints, fresh);
        rows.DurationsSeconds.AsSpan(0, Fresh * _rowCount).CopyTo(_rowDuration);
        rows.DistancesMetres.AsSpan(0, Fresh * _rowCount).CopyTo(_rowDistance);
        // Column-major (request point × tabled points), as in PlanTravelMatrix.
        for (int i = 0; i < _colCount; i++)
            for (int f = 0; f < Fresh; f++)
            {
                _colDuration[f * _colCount + i] = cols.Duration(i, f);
                _colDistance[f * _colCount + i] = cols.Distance(i, f);
            }
    }

    private static void Grow(ref double[] durations, ref double[] distances, int length)
    {
        if (durations.Length >= length) return;
        durations = new double[Math.Max(length, 2 * durations.Length)];
        distances = new double[durations.Length];
    }

    private double Committed(int from, int to, bool duration)
    {
        if (_committed.TryGet(from, to, out var v)) return duration ? v.Duration : v.Distance;
        var pair = _cache.Get(_points[from], _points[to]);
        return duration ? pair.Duration : pair.Distance;
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
        return Committed(from, to, duration: true);
    }

    public double Distance(int from, int to)
    {
        if (from < Fresh) return _rowSlot[to] is var r and >= 0 ? _rowDistance[from * _rowCount + r] : double.PositiveInfinity;
        if (to < Fresh) return _colSlot[from] is var c and >= 0 ? _colDistance[to * _colCount + c] : double.PositiveInfinity;
        return Committed(from, to, duration: false);
    }
}
