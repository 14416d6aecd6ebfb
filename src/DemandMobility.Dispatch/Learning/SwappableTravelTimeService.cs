using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;

namespace DemandMobility.Dispatch.Learning;

/// <summary>
/// The dispatcher's travel times over a router that the learning loop replaces while quotes run: every call reads
/// the current immutable router once (a volatile reference), so a swap never stops or tears a query.
/// </summary>
public sealed class SwappableTravelTimeService : ITravelTimeService
{
    private volatile RoadRouterTravelTimeService _current;

    /// <summary>Starts on <paramref name="router"/>; <paramref name="maxSpeedMetresPerSecond"/> must bound every router swapped in.</summary>
    public SwappableTravelTimeService(RoadRouter router, double maxSpeedMetresPerSecond)
    {
        _current = new RoadRouterTravelTimeService(router);
        MaxSpeedMetresPerSecond = maxSpeedMetresPerSecond;
    }

    /// <summary>The router answering now.</summary>
    public RoadRouter Router => _current.Router;

    /// <summary>Answers from <paramref name="router"/> from the next call on.</summary>
    public void Swap(RoadRouter router) => _current = new RoadRouterTravelTimeService(router);

    /// <inheritdoc />
    public double MaxSpeedMetresPerSecond { get; }

    /// <inheritdoc />
    /// <remarks>The band of the router answering now; a later swap is seen by the next call.</remarks>
    public ITravelTimeService ForDeparture(DateTimeOffset departure) => _current.ForDeparture(departure) is var banded && ReferenceEquals(banded, _current) ? this : banded;

    /// <inheritdoc />
    /// <remarks>The kept table of the router answering now.</remarks>
    public IKeptTravelTable KeptTable => _current.KeptTable;

    /// <inheritdoc />
    public SnapResult Snap(GeoPoint point) => _current.Snap(point);

    /// <inheritdoc />
    public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets) => _current.Table(sources, targets);

    /// <inheritdoc />
    public Travel.RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints) => _current.Route(waypoints);
}
