using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The matrix of a prepared plan (<see cref="PreparedPlan"/>): points 0 and 1 are the current request's pickup and
/// drop-off, refilled per quote by <see cref="SetRequest"/> with one one-to-many and one many-to-one table over the
/// plan points the prefilter names (as <see cref="PlanTravelMatrix"/> does for a rebuilt problem: every other pair
/// with a new point reads as unreachable); all other pairs come from the shared <see cref="CommittedTravelPairs"/>.
/// A vehicle that moved since the plan was prepared (a GPS fix that is not a plan change) starts from a point of its
/// own after the plan's points (<see cref="MoveStart"/>), with its pairs to its first stop and its end read then.
/// One instance per concurrent quote: the request part and the moved starts are mutable.
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
    private readonly int _planPoints;
    /// <summary>Per moved-start slot: the locations it has pairs to, and the pairs.</summary>
    private readonly (int To, double Duration, double Distance)[][] _movedPairs;
    private readonly int[][] _movedNext;
    /// <summary>The moved-start slots in use.</summary>
    private readonly List<int> _moved = [];
    private int _rowCount, _colCount;
    private double[] _rowDuration = [], _rowDistance = [], _colDuration = [], _colDistance = [];

    /// <param name="points">The problem's points; the first two are the request's and are replaced per quote, the last
    /// ones spare slots for places of bookings still to come (<see cref="SetPoint"/>).</param>
    /// <param name="indexOf">Index of each plan point (from 2 on).</param>
    /// <param name="committed">The committed routes' pairs.</param>
    /// <param name="cache">The travel band the plan was prepared in; a pair missing from <paramref name="committed"/> is read from it.</param>
    /// <param name="vehicles">How many vehicles may get a moved start.</param>
    public PreparedTravelMatrix(GeoPoint[] points, Dictionary<GeoPoint, int> indexOf, CommittedTravelPairs committed, TravelCache cache, int vehicles)
    {
        _planPoints = points.Length;
        _points = new GeoPoint[points.Length + vehicles];
        points.CopyTo(_points, 0);
        _movedPairs = new (int, double, double)[vehicles][];
        _movedNext = new int[vehicles][];
        for (int v = 0; v < vehicles; v++)
        {
            _movedPairs[v] = [];
            _movedNext[v] = [];
        }
        _indexOf = indexOf;
        _committed = committed;
        _cache = cache;
        _rowSlot = new int[_points.Length];
        _colSlot = new int[_points.Length];
        Array.Fill(_rowSlot, -1);
        Array.Fill(_colSlot, -1);
    }

    /// <summary>Plan point <paramref name="i"/> (a spare slot until now) is <paramref name="p"/>: a place a new booking brought.</summary>
    public void SetPoint(int i, GeoPoint p) => _points[i] = p;

    /// <summary>The location vehicle <paramref name="v"/> starts from when it moved (<see cref="MoveStart"/>).</summary>
    public int MovedStartOf(int v) => _planPoints + v;

    /// <summary>
    /// Vehicle <paramref name="v"/> now starts at <paramref name="at"/>: its own start location gets that point and its
    /// pairs to <paramref name="next"/> (its first stop, its end) are read from the cache here, before any search.
    /// True when its pairs changed: its route must then be re-timed even if its start location index stayed.
    /// </summary>
    public bool MoveStart(int v, GeoPoint at, ReadOnlySpan<int> next)
    {
        int slot = _planPoints + v;
        if (!_moved.Contains(slot)) _moved.Add(slot);
        if (_points[slot] != at || _movedPairs[v].Length != next.Length || !next.SequenceEqual(_movedNext[v]))
        {
            _points[slot] = at;
            _movedNext[v] = next.ToArray();
            var pairs = new (int, double, double)[next.Length];
            for (int k = 0; k < next.Length; k++)
            {
                var (duration, distance) = _cache.Get(at, _points[next[k]]);
                pairs[k] = (next[k], duration, distance);
            }
            _movedPairs[v] = pairs;
            return true;
        }
        return false;
    }

    /// <summary>Vehicle <paramref name="v"/> starts where the plan was prepared again: its moved start is no longer tabled.</summary>
    public void ResetStart(int v) => _moved.Remove(_planPoints + v);

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
            foreach (int m in _moved)
                if (_points[m] == p)
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
            foreach (int m in _moved)
                if (_points[m] == p)
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
        if (from >= _planPoints)
            foreach (var (next, d, m) in _movedPairs[from - _planPoints])
                if (next == to) return duration ? d : m;
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
