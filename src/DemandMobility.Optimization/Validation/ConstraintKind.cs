namespace DemandMobility.Optimization.Validation;

/// <summary>Which rule a <see cref="Violation"/> breaks.</summary>
public enum ConstraintKind
{
    /// <summary>A route names a vehicle index outside the fleet, or two routes use the same vehicle.</summary>
    Vehicle,
    /// <summary>A stop is malformed: unknown request index, break stop with a request, non-finite time.</summary>
    MalformedStop,
    /// <summary>A request's pickup or delivery appears more than once.</summary>
    ServedTwice,
    /// <summary>Pickup and delivery are not both on the same route with the pickup first.</summary>
    Precedence,
    /// <summary>A request with <c>MustServe</c> (or on board) is not served.</summary>
    MustServe,
    /// <summary><see cref="Model.Solution.Unserved"/> disagrees with the routes.</summary>
    UnservedList,
    /// <summary>A pinned request is served by another vehicle.</summary>
    PinnedVehicle,
    /// <summary>An on-board request is delivered by another vehicle, picked up again, or not delivered.</summary>
    OnBoard,
    /// <summary>The route does not start with the vehicle's locked stops.</summary>
    LockedPrefix,
    /// <summary>Arrival earlier than the previous departure plus the travel time.</summary>
    Travel,
    /// <summary>Service starts before arrival, or departure differs from service start plus service time.</summary>
    Schedule,
    /// <summary>Service starts outside the stop's time window.</summary>
    TimeWindow,
    /// <summary>The load exceeds the capacity in some dimension.</summary>
    Capacity,
    /// <summary>A ride time exceeds the request's maximum.</summary>
    RideTime,
    /// <summary>Route duration exceeds the vehicle's maximum.</summary>
    RouteDuration,
    /// <summary>The route leaves before the shift starts or returns after it ends.</summary>
    Shift,
    /// <summary>The break is missing, duplicated, misplaced, too short, or taken with someone on board.</summary>
    Break,
    /// <summary>The reported cost differs from the recomputed objective.</summary>
    Objective,
    /// <summary>
    /// A request is picked up by a vehicle of another compatibility group (<see cref="Model.Request.Group"/>
    /// ≠ <see cref="Model.Vehicle.Group"/>). Requests already on board are not checked: the vehicle carries them.
    /// </summary>
    Group,
}
