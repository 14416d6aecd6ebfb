using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Travel;

/// <summary>
/// A road-free travel model: great-circle distance × <see cref="DetourFactor"/> driven at a constant speed.
/// For tests, simulations without a map, and as a fallback; every point is drivable (walking 0 m).
/// </summary>
public sealed class StraightLineTravelTimeService : ITravelTimeService
{
    /// <summary>Creates the model; 40 km/h and no detour by default.</summary>
    public StraightLineTravelTimeService(double speedKmh = 40, double detourFactor = 1.0)
    {
        if (!(speedKmh > 0)) throw new ArgumentOutOfRangeException(nameof(speedKmh), "Speed must be positive.");
        if (!(detourFactor >= 1)) throw new ArgumentOutOfRangeException(nameof(detourFactor), "Detour factor must be at least 1.");
        SpeedKmh = speedKmh;
        DetourFactor = detourFactor;
    }

    /// <summary>Constant driving speed.</summary>
    public double SpeedKmh { get; }

    /// <summary>Road distance over straight-line distance.</summary>
    public double DetourFactor { get; }

    /// <inheritdoc />
    /// <remarks>The constant speed itself: the detour factor only lengthens trips.</remarks>
    public double MaxSpeedMetresPerSecond => SpeedKmh / 3.6;

    /// <inheritdoc />
    public SnapResult Snap(GeoPoint point) =>
        point.IsValid ? new SnapResult(SnapStatus.Snapped, point, 0) : SnapResult.NoRoad;

    /// <inheritdoc />
    public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets)
    {
        int s = sources.Count, t = targets.Count;
        var dur = new double[s * t];
        var dist = new double[s * t];
        double metresPerSecond = SpeedKmh / 3.6;
        for (int i = 0; i < s; i++)
            for (int j = 0; j < t; j++)
            {
                double m = GeoMath.HaversineMetres(sources[i], targets[j]) * DetourFactor;
                dist[i * t + j] = m;
                dur[i * t + j] = m / metresPerSecond;
            }
        return new TravelTable(s, t, dur, dist);
    }

    /// <inheritdoc />
    public RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints)
    {
        double m = 0;
        for (int i = 1; i < waypoints.Count; i++)
            m += GeoMath.HaversineMetres(waypoints[i - 1], waypoints[i]) * DetourFactor;
        return new RouteGeometry(true, waypoints.ToImmutableArray(), m / (SpeedKmh / 3.6), m);
    }
}
