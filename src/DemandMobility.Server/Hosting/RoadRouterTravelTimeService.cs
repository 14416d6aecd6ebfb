using System.Collections.Immutable;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;
using DispatchGeoPoint = DemandMobility.Dispatch.Geo.GeoPoint;
using DispatchRouteGeometry = DemandMobility.Dispatch.Travel.RouteGeometry;
using DispatchSnapStatus = DemandMobility.Dispatch.Travel.SnapStatus;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// The dispatcher's road access over <see cref="RoadRouter"/> (contraction hierarchy on the OSM graph):
/// snapping to the nearest drivable road, many-to-many tables and leg-by-leg routes. Thread-safe and
/// deterministic because the router is.
/// </summary>
public sealed class RoadRouterTravelTimeService(RoadRouter router) : ITravelTimeService
{
    /// <summary>The router answered by this service.</summary>
    public RoadRouter Router { get; } = router;

    /// <inheritdoc />
    public SnapResult Snap(DispatchGeoPoint point)
    {
        var snapped = Router.Nearest(point.Latitude, point.Longitude);
        return snapped.IsSnapped
            ? new SnapResult(DispatchSnapStatus.Snapped, new DispatchGeoPoint(snapped.LatitudeE7 / 1e7, snapped.LongitudeE7 / 1e7), snapped.DistanceMetres)
            : SnapResult.NoRoad;
    }

    /// <inheritdoc />
    public TravelTable Table(IReadOnlyList<DispatchGeoPoint> sources, IReadOnlyList<DispatchGeoPoint> targets)
    {
        var table = Router.Table(new TableRequest(ToCoordinates(sources), ToCoordinates(targets)));
        int n = sources.Count * targets.Count;
        var durations = new double[n];
        var distances = new double[n];
        for (int i = 0; i < n; i++)
        {
            // The router marks unroutable cells with -1; the dispatcher's contract is +infinity.
            long ms = table.DurationsMs[i], dm = table.DistancesDm[i];
            durations[i] = ms == TableResult.Unreachable ? double.PositiveInfinity : ms / 1000.0;
            distances[i] = dm == TableResult.Unreachable ? double.PositiveInfinity : dm / 10.0;
        }
        return new TravelTable(sources.Count, targets.Count, durations, distances);
    }

    /// <inheritdoc />
    public DispatchRouteGeometry Route(IReadOnlyList<DispatchGeoPoint> waypoints)
    {
        var points = ImmutableArray.CreateBuilder<DispatchGeoPoint>();
        double seconds = 0, metres = 0;
        for (int i = 1; i < waypoints.Count; i++)
        {
            var leg = Router.Route(new RouteRequest(
                new GeoCoordinate(waypoints[i - 1].Latitude, waypoints[i - 1].Longitude),
                new GeoCoordinate(waypoints[i].Latitude, waypoints[i].Longitude)));
            if (!leg.IsOk) return new DispatchRouteGeometry(false, [], double.PositiveInfinity, double.PositiveInfinity);
            seconds += leg.DurationSeconds;
            metres += leg.DistanceMetres;
            if (leg.Geometry is { } g)
                for (int k = points.Count == 0 ? 0 : 1; k < g.LatitudesE7.Length; k++)
                    points.Add(new DispatchGeoPoint(g.LatitudesE7[k] / 1e7, g.LongitudesE7[k] / 1e7));
        }
        if (waypoints.Count == 1) points.Add(waypoints[0]);
        return new DispatchRouteGeometry(true, points.ToImmutable(), seconds, metres);
    }

    private static GeoCoordinate[] ToCoordinates(IReadOnlyList<DispatchGeoPoint> points)
    {
        var result = new GeoCoordinate[points.Count];
        for (int i = 0; i < result.Length; i++) result[i] = new GeoCoordinate(points[i].Latitude, points[i].Longitude);
        return result;
    }
}
