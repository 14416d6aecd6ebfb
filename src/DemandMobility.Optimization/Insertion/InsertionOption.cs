using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Insertion;

/// <summary>
/// One feasible way to insert a request into a vehicle's current route: the pickup goes before the stop
/// at position <see cref="PickupPosition"/> of the existing stop list and the delivery before
/// <see cref="DeliveryPosition"/> (positions index the route <em>before</em> insertion; equal positions
/// mean the delivery directly follows the pickup). <see cref="Route"/> is the complete resulting route with schedule.
/// </summary>
public sealed record InsertionOption(
    int Vehicle,
    int PickupPosition,
    int DeliveryPosition,
    double CostDelta,
    double PickupTime,
    double DeliveryTime,
    RoutePlan Route);
