namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// An insertion made possible by ejecting requests from one route: eject <see cref="Ejected"/> from the route of
/// <see cref="Vehicle"/>, then insert the request with its pickup before stop <see cref="Pickup"/> and its delivery
/// before stop <see cref="Delivery"/> of the route without the ejected requests.
/// </summary>
/// <param name="Vehicle">Route the request goes into.</param>
/// <param name="Ejected">Requests ejected from that route (one to k_max).</param>
/// <param name="Pickup">Pickup position in the reduced route (<see cref="Routes.WorkingRoute"/>'s convention).</param>
/// <param name="Delivery">Delivery position in the reduced route.</param>
/// <param name="PenaltySum">Sum of the ejected requests' penalty counters (what the choice minimises).</param>
/// <param name="CostDelta">Cost change of the insertion into the reduced route.</param>
internal sealed record EjectionChoice(int Vehicle, int[] Ejected, int Pickup, int Delivery, int PenaltySum, double CostDelta);
