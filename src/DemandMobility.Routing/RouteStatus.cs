namespace DemandMobility.Routing;

/// <summary>Outcome of a route request.</summary>
public enum RouteStatus
{
    /// <summary>A route was found.</summary>
    Ok = 0,
    /// <summary>The start could not be snapped (see the result's snap details).</summary>
    FromNotSnapped = 1,
    /// <summary>The destination could not be snapped.</summary>
    ToNotSnapped = 2,
    /// <summary>Both points snapped but no drivable path connects them.</summary>
    NoRoute = 3,
}
