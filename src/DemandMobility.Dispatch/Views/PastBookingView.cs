using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A booking in a <see cref="PastStateView"/>: its status, vehicle and promise as they were then.</summary>
public sealed record PastBookingView(
    string Id,
    string RiderId,
    BookingStatus Status,
    string? VehicleId,
    GeoPoint? Pickup,
    GeoPoint? Dropoff,
    DateTimeOffset? PromisedFrom,
    DateTimeOffset? PromisedUntil,
    DateTimeOffset CreatedAt);
