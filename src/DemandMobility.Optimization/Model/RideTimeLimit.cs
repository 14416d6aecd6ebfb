namespace DemandMobility.Optimization.Model;

/// <summary>Helpers for the common ways of stating a maximum ride time.</summary>
public static class RideTimeLimit
{
    /// <summary>
    /// Maximum ride time as <c>factor × direct travel time + constant</c> (the usual on-demand rule,
    /// e.g. 1.5 × direct + 5 min).
    /// </summary>
    public static double FromDetourFactor(double directTravelTime, double factor, double constantSeconds) =>
        directTravelTime * factor + constantSeconds;
}
