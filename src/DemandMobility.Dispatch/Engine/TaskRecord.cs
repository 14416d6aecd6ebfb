using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// A booking or parcel as the planner sees it: points, load and hard windows in engine seconds.
/// Exists from confirmation until drop-off/hand-over (or cancellation/no-show).
/// </summary>
/// <remarks>
/// <c>PickedUpAt</c> is the departure from the pickup once on board; null while waiting. <c>Group</c> restricts the
/// task to vehicles of the same service group (null: general fleet only).
/// </remarks>
internal sealed record TaskRecord(
    string Id,
    RequestKind Kind,
    GeoPoint Pickup,
    GeoPoint Delivery,
    LoadVector Load,
    TimeWindow PickupWindow,
    TimeWindow DeliveryWindow,
    double MaxRideTime,
    double PickupServiceTime,
    double DeliveryServiceTime,
    string VehicleId,
    double? PickedUpAt = null,
    string? Group = null);
