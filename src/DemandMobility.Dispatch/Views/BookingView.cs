using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A booking with its live forecast.</summary>
/// <param name="Booking">The booking.</param>
/// <param name="EstimatedPickup">Planned start of the pickup, while not yet boarded.</param>
/// <param name="EstimatedDropoff">Planned drop-off, while in the plan.</param>
/// <param name="DelaySeconds">How far the vehicle's forecast arrival lies after the promised window end (0 when on time).</param>
/// <param name="VehiclePosition">The serving vehicle's last fix.</param>
/// <param name="PositionAt">When that fix was taken.</param>
/// <param name="HeadingDegrees">The fix's heading (0 = north, clockwise), if it carried one.</param>
/// <param name="SpeedMetresPerSecond">The fix's speed, if it carried one.</param>
/// <param name="Traveller">Who travels on a phone booking; filled for dispatchers only.</param>
/// <param name="Late">The promised pickup window ended without the rider boarding (see <see cref="Booking.Notice"/>).</param>
public sealed record BookingView(
    Booking Booking,
    DateTimeOffset? EstimatedPickup,
    DateTimeOffset? EstimatedDropoff,
    double DelaySeconds,
    GeoPoint? VehiclePosition,
    DateTimeOffset? PositionAt = null,
    double? HeadingDegrees = null,
    double? SpeedMetresPerSecond = null,
    bool Late = false,
    Traveller? Traveller = null);
