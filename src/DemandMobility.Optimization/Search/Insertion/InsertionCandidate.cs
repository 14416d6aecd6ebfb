namespace DemandMobility.Optimization.Search.Insertion;

/// <summary>
/// A (route, pickup position, delivery position) triple that passed the O(1) checks, with its cost
/// estimate. Positions follow <see cref="Routes.WorkingRoute"/>'s convention: the pickup goes before
/// stop <see cref="Pickup"/>, the delivery before stop <see cref="Delivery"/> of the route before insertion.
/// </summary>
internal struct InsertionCandidate
{
    public int Route;
    public int Pickup;
    public int Delivery;
    /// <summary>Weighted distance/travel-time increase plus fixed cost; exact unless <see cref="NeedsExact"/>.</summary>
    public double Cost;
    /// <summary>True when the O(1) checks were only a filter (ride times, duration, break) and the exact schedule must decide.</summary>
    public bool NeedsExact;
}
