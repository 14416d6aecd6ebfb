using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Simulator.Reality;

/// <summary>
/// The simulated world's true travel and dwell times. Each segment of a leg's geometry takes the world's profile
/// time of the road it lies on (its length at that road's profile speed) × F ÷ s(class), where F is one lognormal
/// draw per leg (mean 1, the configured coefficient of variation: a driver's trip is slow or fast as a whole) and s
/// the road class's true speed factor; so the truth never depends on what the dispatcher believes (it may plan with
/// learned times). The leg's planned time is spread over the same segments in proportion to their profile times. The draws come from the reality's own seeded stream, in
/// event order, so a seed gives one day and the riders' behaviour stream is untouched.
/// </summary>
internal sealed class TravelReality
{
    private readonly RealitySettings _settings;
    private readonly Random _random;
    private readonly RoadRouter? _router;
    private readonly double[] _classFactor = new double[Enum.GetValues<RoadClass>().Length];
    private readonly double _sigma;
    private readonly Dictionary<(int, int), int> _edgeAt = [];

    public TravelReality(RealitySettings settings, int scenarioSeed, RoadRouter? router)
    {
        _settings = settings;
        _router = router;
        // A stream of its own (seed offset by a constant), so turning noise on or off leaves the demand and rider draws alone.
        _random = new Random(settings.Seed ?? unchecked(scenarioSeed * 7919 + 104729));
        Array.Fill(_classFactor, 1.0);
        foreach (var (name, factor) in settings.SpeedFactorByRoadClass)
            if (RoadClassNames.TryParse(name, out var c)) _classFactor[(int)c] = factor;
        // Lognormal with mean 1 and CV c: σ² = ln(1 + c²), μ = −σ²/2 (Johnson, Kotz & Balakrishnan 1994, ch. 14).
        _sigma = Math.Sqrt(Math.Log(1 + settings.NoiseCv * settings.NoiseCv));
        HasBias = Array.Exists(_classFactor, f => f != 1.0);
        IsExact = settings.NoiseCv == 0 && !HasBias && settings.Dwell is null;
    }

    /// <summary>True when every plan is driven exactly as planned.</summary>
    public bool IsExact { get; }

    /// <summary>True when some road class is driven at another speed than the profile's.</summary>
    public bool HasBias { get; }

    /// <summary>The settings.</summary>
    public RealitySettings Settings => _settings;

    /// <summary>
    /// Cumulative seconds at each point of a leg whose router time is <paramref name="plannedSeconds"/> (first
    /// entry 0): as planned and as truly driven. Without a router the planned time is spread by distance and no
    /// class bias applies.
    /// </summary>
    public (double[] Planned, double[] True) Timing(ReadOnlySpan<GeoPoint> points, double plannedSeconds)
    {
        var cumulative = new double[points.Length];
        var plannedCumulative = new double[points.Length];
        if (points.Length < 2 || !(plannedSeconds > 0)) return (plannedCumulative, cumulative);
        var plannedShare = new double[points.Length - 1];
        var factor = new double[points.Length - 1];
        double sum = 0;
        for (int i = 0; i < plannedShare.Length; i++)
        {
            double metres = GeoMath.HaversineMetres(points[i], points[i + 1]);
            // Off the network (a connector from an unsnapped point): 30 km/h, the runner's fallback speed.
            double speed = 30 / 3.6, classFactor = 1;
            if (_router is not null && metres > 0.5 && EdgeOf(points[i], points[i + 1]) is var e and >= 0)
            {
                var g = _router.Graph;
                speed = g.EdgeDistanceDm[e] / 10.0 / Math.Max(0.001, g.EdgeDurationMs[e] / 1000.0);
                classFactor = _classFactor[g.EdgeRoadClass[e]];
            }
            plannedShare[i] = metres / Math.Max(0.1, speed);
            factor[i] = 1 / classFactor;
            sum += plannedShare[i];
        }
        double noise = NextNoise();
        for (int i = 0; i < plannedShare.Length; i++)
        {
            double planned = sum > 0 ? plannedShare[i] / sum * plannedSeconds : plannedSeconds / plannedShare.Length;
            plannedCumulative[i + 1] = plannedCumulative[i] + planned;
            // Without a road network the plan is the only measure of the world.
            double profile = _router is null || sum <= 0 ? planned : plannedShare[i];
            cumulative[i + 1] = cumulative[i] + profile * factor[i] * noise;
        }
        return (plannedCumulative, cumulative);
    }

    /// <summary>Real seconds to board a booking (null dwell settings: <paramref name="planned"/>).</summary>
    public double BoardingSeconds(int passengers, int wheelchairs, bool parcel, double planned)
    {
        if (_settings.Dwell is not { } d) return planned;
        if (parcel) return d.ParcelS;
        return d.PerBookingS + passengers * d.BoardingPerPassengerS + wheelchairs * d.WheelchairBoardingS;
    }

    /// <summary>Real seconds to drop a booking off (null dwell settings: <paramref name="planned"/>).</summary>
    public double AlightingSeconds(int passengers, int wheelchairs, bool parcel, double planned)
    {
        if (_settings.Dwell is not { } d) return planned;
        if (parcel) return d.ParcelS;
        return d.PerBookingS + passengers * d.AlightingPerPassengerS + wheelchairs * d.WheelchairAlightingS;
    }

    private double NextNoise()
    {
        if (_sigma == 0) return 1;
        // Box–Muller; 1 − U keeps the logarithm finite.
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        double z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(-_sigma * _sigma / 2 + _sigma * z);
    }

    /// <summary>The road edge a geometry segment lies on: the one its midpoint snaps to (memoised by position).</summary>
    private int EdgeOf(GeoPoint a, GeoPoint b)
    {
        double lat = (a.Latitude + b.Latitude) / 2, lon = (a.Longitude + b.Longitude) / 2;
        var key = ((int)Math.Round(lat * 1e6), (int)Math.Round(lon * 1e6));
        if (_edgeAt.TryGetValue(key, out int e)) return e;
        var s = _router!.Nearest(lat, lon);
        e = s.IsSnapped && s.DistanceMetres < 5 ? s.Edge : -1;
        _edgeAt[key] = e;
        return e;
    }
}
