namespace DemandMobility.Dispatch.Engine;

/// <summary>The first rule a route breaks, if any.</summary>
public enum RouteViolation
{
    /// <summary>Feasible.</summary>
    None,
    /// <summary>Service at a stop would start after its window closes (a promise broken).</summary>
    LateAtStop,
    /// <summary>The load exceeds the capacity in some dimension.</summary>
    Capacity,
    /// <summary>A ride exceeds its maximum ride time.</summary>
    RideTime,
    /// <summary>A delivery is not preceded by its pickup (and the request is not on board).</summary>
    Precedence,
    /// <summary>The vehicle cannot be back at its depot by the end of its shift.</summary>
    ShiftEnd,
}
