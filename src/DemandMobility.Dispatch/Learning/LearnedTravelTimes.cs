using DemandMobility.Routing.Graph;

namespace DemandMobility.Dispatch.Learning;

/// <summary>
/// Travel-time evidence per RoadGraph edge and hour of day, and the estimate it yields, as a factor on the profile's
/// time. Estimator: ratio of sums (Σ observed ÷ Σ profile seconds, the consistent estimator of a multiplicative
/// error that weights long pieces more than short, jittery ones) with hierarchical credibility shrinkage by sample
/// count (Bühlmann 1967; empirical Bayes): road class over all hours → road class in this hour → edge over all
/// hours → edge in this hour, each level shrunk towards the one before. A profile's errors are largely systematic
/// per road class (its speeds are per class), so a class learns within a day from every road of that class, while
/// a single edge needs several traversals before its own (noisy, 10 %-CV) evidence outweighs the class; an edge
/// never driven keeps its class's estimate. Factors are clamped to 0.5–3 so no glitch makes a road free or closed.
/// Thread-safe (one lock; updates come in batches).
/// </summary>
public sealed class LearnedTravelTimes
{
    /// <summary>Hours of the day.</summary>
    public const int Hours = 24;

    /// <summary>Credibility constant of a road class (traversals for half weight).</summary>
    public const double ClassK = 20;

    /// <summary>Credibility constant of one edge (traversals for half weight).</summary>
    public const double EdgeK = 5;

    /// <summary>Smallest and largest factor on the profile time.</summary>
    public const double MinFactor = 0.5, MaxFactor = 3;

    private static readonly int Classes = Enum.GetValues<RoadClass>().Length;
    private readonly RoadGraph _profile;
    private readonly object _gate = new();
    private readonly Dictionary<int, EdgeTimeSums> _edgeHour = [];
    private readonly Dictionary<int, EdgeTimeSums> _edgeAll = [];
    private readonly EdgeTimeSums[] _classHour = new EdgeTimeSums[Classes * Hours];
    private readonly EdgeTimeSums[] _classAll = new EdgeTimeSums[Classes];

    /// <summary>Empty evidence over the profile graph (whose durations are the prior).</summary>
    public LearnedTravelTimes(RoadGraph profile) => _profile = profile;

    /// <summary>The profile graph.</summary>
    public RoadGraph Profile => _profile;

    /// <summary>Number of (edge, hour) cells with evidence.</summary>
    public int CellCount { get { lock (_gate) return _edgeHour.Count; } }

    /// <summary>Adds evidence: a piece of <paramref name="edge"/> driven in <paramref name="hour"/>.</summary>
    public void Add(int edge, int hour, double observedSeconds, double profileSeconds, double count)
    {
        if ((uint)edge >= (uint)_profile.EdgeCount || (uint)hour >= Hours || !(observedSeconds >= 0) || !(profileSeconds > 0) || !(count > 0)) return;
        lock (_gate) AddLocked(edge, hour, new EdgeTimeSums(observedSeconds, profileSeconds, count));
    }

    private void AddLocked(int edge, int hour, EdgeTimeSums s)
    {
        int key = edge * Hours + hour;
        _edgeHour[key] = _edgeHour.GetValueOrDefault(key).Add(s.Observed, s.Profile, s.Count);
        _edgeAll[edge] = _edgeAll.GetValueOrDefault(edge).Add(s.Observed, s.Profile, s.Count);
        int c = _profile.EdgeRoadClass[edge];
        _classHour[c * Hours + hour] = _classHour[c * Hours + hour].Add(s.Observed, s.Profile, s.Count);
        _classAll[c] = _classAll[c].Add(s.Observed, s.Profile, s.Count);
    }

    /// <summary>The estimated factor on the profile time of <paramref name="edge"/> in <paramref name="hour"/>.</summary>
    public double Factor(int edge, int hour)
    {
        lock (_gate) return FactorLocked(edge, hour);
    }

    private double FactorLocked(int edge, int hour)
    {
        int c = _profile.EdgeRoadClass[edge];
        double classAll = _classAll[c].Shrink(1, ClassK);
        double classHour = _classHour[c * Hours + hour].Shrink(classAll, ClassK);
        double edgeAll = _edgeAll.GetValueOrDefault(edge).Shrink(classAll, EdgeK);
        double edgeHour = _edgeHour.GetValueOrDefault(edge * Hours + hour).Shrink(classHour * edgeAll / classAll, EdgeK);
        return Math.Clamp(edgeHour, MinFactor, MaxFactor);
    }

    /// <summary>Learned seconds of every edge in <paramref name="hour"/> (indexed by RoadGraph edge), for re-weighting.</summary>
    public float[] SecondsPerEdge(int hour)
    {
        var seconds = new float[_profile.EdgeCount];
        lock (_gate)
            for (int e = 0; e < seconds.Length; e++)
                seconds[e] = (float)(_profile.EdgeDurationMs[e] / 1000.0 * FactorLocked(e, hour));
        return seconds;
    }

    /// <summary>Forgets everything (the profile answers again).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _edgeHour.Clear();
            _edgeAll.Clear();
            Array.Clear(_classHour);
            Array.Clear(_classAll);
        }
    }

    /// <summary>A copy of the (edge, hour) cells, key = edge × 24 + hour, in key order (for persistence).</summary>
    public List<KeyValuePair<int, EdgeTimeSums>> Cells()
    {
        lock (_gate)
        {
            var list = _edgeHour.ToList();
            list.Sort((a, b) => a.Key.CompareTo(b.Key));
            return list;
        }
    }

    /// <summary>Replaces the evidence with <paramref name="cells"/> (keys as in <see cref="Cells"/>).</summary>
    public void Load(IEnumerable<KeyValuePair<int, EdgeTimeSums>> cells)
    {
        lock (_gate)
        {
            _edgeHour.Clear();
            _edgeAll.Clear();
            Array.Clear(_classHour);
            Array.Clear(_classAll);
            foreach (var (key, s) in cells) AddLocked(key / Hours, key % Hours, s);
        }
    }
}
