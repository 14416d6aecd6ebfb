using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A booking with its live forecast.</summary>
/// <param name="Booking">The booking.</param>
/// <param name="EstimatedPickup">Planned start of the pickup, while not yet boarded.</param>
/// <param name="EstimatedDropoff">Planned drop-off, while in the plan.</param>
/// <param name="DelaySeconds">How far the vehicle's forecast arrival lies after the promised window end (0 when on time).</param>
/// <param name="VehiclePosition">The serving vehicle's last fix.</param>
public sealed record BookingView(
    Booking Booking,
    DateTimeOffset? EstimatedPickup,
    DateTimeOffset? EstimatedDropoff,
    double DelaySeconds,
    GeoPoint? VehiclePosition);
