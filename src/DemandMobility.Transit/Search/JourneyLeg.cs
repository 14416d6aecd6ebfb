namespace DemandMobility.Transit.Search;

/// <summary>Kind of a journey leg found by a timetable search.</summary>
public enum JourneyLegKind
{
    /// <summary>From the origin to the first stop (an access leg of the query).</summary>
    Access,
    /// <summary>A ride on one trip.</summary>
    Ride,
    /// <summary>A footpath between two stops.</summary>
    Transfer,
    /// <summary>From the last stop to the destination (an egress leg of the query).</summary>
    Egress,
}

/// <summary>
/// One leg of a timetable journey. Times are seconds after midnight of the query date. For a ride,
/// <see cref="Trip"/> with the board and alight stop-time indices and the trip's service date.
/// </summary>
public sealed record JourneyLeg(
    JourneyLegKind Kind, int FromStop, int ToStop, int Departure, int Arrival,
    int Trip = -1, int BoardStopTime = -1, int AlightStopTime = -1, DateOnly ServiceDate = default);
