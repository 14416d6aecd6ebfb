namespace DemandMobility.Optimization.Model;

/// <summary>
/// Weights of the objective, a weighted sum minimised by the solver:
/// TravelTime × vehicle driving time + Distance × vehicle distance + RideTime × Σ passenger ride time
/// + Waiting × Σ passenger waiting (start of service after earliest) + Unserved × unserved requests
/// + FixedCost × Σ fixed cost of used vehicles.
/// </summary>
public sealed record ObjectiveWeights(
    double TravelTime = 0,
    double Distance = 1,
    double RideTime = 0,
    double Waiting = 0,
    double Unserved = 1e6,
    double FixedCost = 1)
{
    /// <summary>Pure distance minimisation (Cordeau DARP), every request must be served.</summary>
    public static ObjectiveWeights DistanceOnly => new();
}
