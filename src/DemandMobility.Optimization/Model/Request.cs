namespace DemandMobility.Optimization.Model;

/// <summary>
/// A transport request: carry <see cref="Load"/> from the pickup location to the delivery location.
/// Locations are indices into the problem's <see cref="ITravelMatrix"/>.
/// </summary>
/// <param name="Id">Caller's identifier, echoed in results.</param>
/// <param name="Kind">Passenger, parcel or pupil.</param>
/// <param name="PickupLocation">Matrix index of the pickup point.</param>
/// <param name="DeliveryLocation">Matrix index of the delivery point.</param>
/// <param name="PickupWindow">Allowed start of service at the pickup.</param>
/// <param name="DeliveryWindow">Allowed start of service at the delivery.</param>
/// <param name="PickupServiceTime">Time spent at the pickup (boarding), seconds.</param>
/// <param name="DeliveryServiceTime">Time spent at the delivery (alighting), seconds.</param>
/// <param name="Load">What the request occupies while on board.</param>
/// <param name="MaxRideTime">
/// Longest allowed time from the end of service at the pickup to the start of service at the delivery
/// (Cordeau 2006's definition); <see cref="double.PositiveInfinity"/> for none. Use
/// <see cref="RideTimeLimit"/> to derive it from a detour factor.
/// </param>
/// <param name="PinnedVehicle">If set, only this vehicle (index into <see cref="Problem.Vehicles"/>) may serve it.</param>
/// <param name="MustServe">
/// True for promises already given (confirmed bookings): the solver may never leave them unserved.
/// </param>
/// <param name="Group">
/// Compatibility group: only a vehicle with the same <see cref="Vehicle.Group"/> (ordinal comparison; null
/// matches only null) may serve the request. School transport uses it to keep pupils of different schools
/// in separate vehicles.
/// </param>
public sealed record Request(
    string Id,
    RequestKind Kind,
    int PickupLocation,
    int DeliveryLocation,
    TimeWindow PickupWindow,
    TimeWindow DeliveryWindow,
    double PickupServiceTime,
    double DeliveryServiceTime,
    LoadVector Load,
    double MaxRideTime = double.PositiveInfinity,
    int? PinnedVehicle = null,
    bool MustServe = false,
    string? Group = null);
