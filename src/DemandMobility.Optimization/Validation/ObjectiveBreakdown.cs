namespace DemandMobility.Optimization.Validation;

/// <summary>
/// The objective's terms as recomputed by the validator from the reported schedule (unweighted), and
/// their weighted sum <see cref="Total"/>.
/// </summary>
/// <param name="DrivingTime">Σ travel time of all arcs driven (start → stops → end), waiting and service excluded.</param>
/// <param name="Distance">Σ distance of all arcs driven.</param>
/// <param name="RideTime">Σ ride time (delivery service start − pickup departure) of served requests, on-board ones included.</param>
/// <param name="Waiting">Σ (pickup service start − pickup window earliest) of requests picked up in the plan.</param>
/// <param name="Unserved">Number of requests not served.</param>
/// <param name="FixedCost">Σ fixed cost of vehicles whose route serves at least one request stop.</param>
/// <param name="UsedVehicles">Number of routes with at least one pickup or delivery.</param>
/// <param name="Total">Weighted sum by the problem's <see cref="Model.ObjectiveWeights"/>.</param>
public sealed record ObjectiveBreakdown(
    double DrivingTime, double Distance, double RideTime, double Waiting, int Unserved, double FixedCost, int UsedVehicles, double Total);
