using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Travel;

/// <summary>
/// What the dispatcher needs from a road network: snapping to virtual stops, matrices, and geometry.
/// Implementations must be thread-safe and deterministic (the same input gives the same output), so that
/// replaying the event log rebuilds the same plan.
/// </summary>
public interface ITravelTimeService
{
    /// <summary>Snaps a coordinate to the nearest drivable point.</summary>
    SnapResult Snap(GeoPoint point);

    /// <summary>Driving durations and distances from every source to every target.</summary>
    TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets);

    /// <summary>The driven path through the waypoints in order.</summary>
    RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints);

    /// <summary>
    /// A speed (metres per second) that no trip beats: every <see cref="Table"/> duration between two points is at
    /// least their great-circle distance divided by it. The engine uses it as a lower bound on travel times to
    /// skip plan stops that cannot lie next to a new request in time. Infinity (the default) means "unknown":
    /// nothing is skipped.
    /// </summary>
    double MaxSpeedMetresPerSecond => double.PositiveInfinity;

    /// <summary>
    /// The travel times for trips starting at <paramref name="departure"/> (its time-of-day band). Must return the
    /// same instance for every departure of one band and this service for free-flow hours, so that callers can
    /// memoise per band; the band's own <see cref="MaxSpeedMetresPerSecond"/> bounds its durations. The default has no time of day: this service.
    /// </summary>
    ITravelTimeService ForDeparture(DateTimeOffset departure) => this;

    /// <summary>
    /// Tables against kept points of this service's travel times (one instance per service, so per band), or null
    /// when the service has none and callers use <see cref="Table"/>.
    /// </summary>
    IKeptTravelTable? KeptTable => null;
}
