using System.Collections.Concurrent;
using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;

namespace DemandMobility.Dispatch.Travel;

/// <summary>
/// <see cref="ITravelTimeService"/> over the road router (contraction hierarchies on OSM): snapping with
/// <see cref="RoadRouter.Nearest"/>, matrices with <see cref="RoadRouter.Table"/> and paths with
/// <see cref="RoadRouter.Route"/>. Unreachable cells and unsnappable points become infinite durations.
/// </summary>
public sealed class RoadRouterTravelTimeService : ITravelTimeService
{
    private readonly RoadRouter _router;
    private readonly ConcurrentDictionary<RoadRouter, RoadRouterTravelTimeService> _bands = new(ReferenceEqualityComparer.Instance);

    /// <summary>Wraps a loaded router.</summary>
    public RoadRouterTravelTimeService(RoadRouter router)
    {
        _router = router;
        MaxSpeedMetresPerSecond = FastestEdge(router.Graph);
        _kept = new Lazy<Kept>(() => new Kept(router));
    }

    // A band's times are the free-flow times divided by its class factors: the free-flow bound times the largest
    // factor (at least 1) holds for every band.
    private RoadRouterTravelTimeService(RoadRouter router, double maxSpeedMetresPerSecond)
    {
        _router = router;
        MaxSpeedMetresPerSecond = maxSpeedMetresPerSecond;
        _kept = new Lazy<Kept>(() => new Kept(router));
    }

    /// <summary>
    /// The same service with travel times for a departure time (the router's time-of-day band, see
    /// <see cref="RoadRouter.ForDeparture"/>); free-flow hours give the free-flow times.
    /// </summary>
    public RoadRouterTravelTimeService ForDeparture(DateTimeOffset departure)
    {
        var banded = _router.ForDeparture(departure);
        if (ReferenceEquals(banded, _router)) return this;
        // One service per band router (the router keeps one per band), so the answer is stable within a band.
        return _bands.GetOrAdd(banded, r => new RoadRouterTravelTimeService(r, MaxSpeedMetresPerSecond * FastestFactor(_router.TimeOfDay)));
    }

    ITravelTimeService ITravelTimeService.ForDeparture(DateTimeOffset departure) => ForDeparture(departure);

    /// <summary>The router answered from (its graph indexes learned travel times and road classes).</summary>
    public RoadRouter Router => _router;

    /// <inheritdoc />
    /// <remarks>
    /// The fastest edge of the graph (length over duration) plus 10 %: edge lengths follow the road's shape and
    /// so are never shorter than the great-circle distance of their ends, and the margin covers the rounding
    /// of durations to milliseconds and lengths to decimetres on short edges.
    /// </remarks>
    public double MaxSpeedMetresPerSecond { get; }

    private static double FastestFactor(TimeOfDayProfile profile)
    {
        double max = 1;
        for (int h = 0; h < 24; h++)
            foreach (var c in Enum.GetValues<Routing.Graph.RoadClass>())
                max = Math.Max(max, profile.Factor(h, c));
        return max;
    }

    private static double FastestEdge(Routing.Graph.RoadGraph graph)
    {
        double best = 0;
        var durations = graph.EdgeDurationMs;
        var distances = graph.EdgeDistanceDm;
        for (int e = 0; e < durations.Length; e++)
        {
            // Edges under 10 m carry too much rounding to measure a speed; their share of any trip is tiny.
            if (distances[e] < 100) continue;
            // A zero-duration edge of real length would make any bound wrong: then claim no bound at all.
            if (durations[e] <= 0) return double.PositiveInfinity;
            double speed = distances[e] / 10.0 / (durations[e] / 1000.0);
            if (speed > best) best = speed;
        }
        return best > 0 ? best * 1.1 + 1 : double.PositiveInfinity;
    }

    /// <inheritdoc />
    public SnapResult Snap(GeoPoint point)
    {
        if (!point.IsValid) return SnapResult.NoRoad;
        var s = _router.Nearest(point.Latitude, point.Longitude);
        if (!s.IsSnapped) return SnapResult.NoRoad;
        return new SnapResult(SnapStatus.Snapped, new GeoPoint(s.LatitudeE7 / 1e7, s.LongitudeE7 / 1e7), s.DistanceMetres);
    }

    /// <inheritdoc />
    public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets) =>
        ToTravelTable(sources, targets, _router.Table(new TableRequest(ToCoordinates(sources), ToCoordinates(targets))));

    /// <inheritdoc />
    /// <remarks>The router's <see cref="KeptPointTable"/>, created on first use.</remarks>
    public IKeptTravelTable KeptTable => _kept.Value;

    private readonly Lazy<Kept> _kept;

    /// <summary>The router's table in seconds and metres, unreachable cells infinite, a point to itself zero.</summary>
    private static TravelTable ToTravelTable(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets, TableResult result)
    {
        int n = sources.Count * targets.Count;
        var durations = new double[n];
        var distances = new double[n];
        for (int i = 0; i < n; i++)
        {
            bool reachable = result.DurationsMs[i] != TableResult.Unreachable;
            durations[i] = reachable ? result.DurationsMs[i] / 1000.0 : double.PositiveInfinity;
            distances[i] = reachable ? result.DistancesDm[i] / 10.0 : double.PositiveInfinity;
        }
        // The router reports 0 for a point to itself only when it snapped; keep the diagonal exact.
        for (int i = 0; i < sources.Count; i++)
            for (int j = 0; j < targets.Count; j++)
                if (sources[i] == targets[j]) { durations[i * targets.Count + j] = 0; distances[i * targets.Count + j] = 0; }
        return new TravelTable(sources.Count, targets.Count, durations, distances);
    }

    /// <inheritdoc />
    public RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints)
    {
        var points = ImmutableArray.CreateBuilder<GeoPoint>();
        double seconds = 0, metres = 0;
        for (int i = 1; i < waypoints.Count; i++)
        {
            var leg = _router.Route(new RouteRequest(
                new GeoCoordinate(waypoints[i - 1].Latitude, waypoints[i - 1].Longitude),
                new GeoCoordinate(waypoints[i].Latitude, waypoints[i].Longitude)));
            if (!leg.IsOk) return new RouteGeometry(false, [], double.PositiveInfinity, double.PositiveInfinity);
            seconds += leg.DurationSeconds;
            metres += leg.DistanceMetres;
            if (leg.Geometry is { } g)
                for (int k = points.Count == 0 ? 0 : 1; k < g.LatitudesE7.Length; k++)
                    points.Add(new GeoPoint(g.LatitudesE7[k] / 1e7, g.LongitudesE7[k] / 1e7));
        }
        return new RouteGeometry(true, points.ToImmutable(), seconds, metres);
    }

    /// <summary>Adapts <see cref="KeptPointTable"/> to the dispatcher's points and units.</summary>
    private sealed class Kept(RoadRouter router) : IKeptTravelTable
    {
        private readonly KeptPointTable _table = new(router);

        public void Retain(IEnumerable<GeoPoint> live) =>
            _table.Retain(live.Select(p => new GeoCoordinate(p.Latitude, p.Longitude)).ToHashSet());

        public int KeptPoints => _table.Count is var (targets, sources) ? targets + sources : 0;

        public KeptTravelTables Around(IReadOnlyList<GeoPoint> fresh, IReadOnlyList<GeoPoint> targets, IReadOnlyList<GeoPoint> sources)
        {
            var t = _table.Around(ToCoordinates(fresh), ToCoordinates(targets), ToCoordinates(sources));
            return new KeptTravelTables(ToTravelTable(fresh, targets, t.FromFresh), ToTravelTable(sources, fresh, t.ToFresh),
                ToTravelTable(fresh, fresh, t.Between));
        }
    }

    private static GeoCoordinate[] ToCoordinates(IReadOnlyList<GeoPoint> points)
    {
        var c = new GeoCoordinate[points.Count];
        for (int i = 0; i < c.Length; i++) c[i] = new GeoCoordinate(points[i].Latitude, points[i].Longitude);
        return c;
    }
}
