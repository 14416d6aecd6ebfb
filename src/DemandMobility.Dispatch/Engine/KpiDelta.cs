namespace DemandMobility.Dispatch.Engine;

/// <summary>Increments of the running KPI counters carried by an event, so replay rebuilds them.</summary>
/// <remarks>
/// A boarding event carries exactly one boarding, so its <c>WaitSeconds</c> is that rider's wait; a drop-off
/// carries one served trip with its ride and direct driving time (0 in logs written before the detour KPI).
/// <c>NotKept</c> counts bookings whose vehicle left service and that no other duty could take, <c>Replanned</c> those
/// moved to another duty instead; <c>PickupsLate</c> and <c>PickupsMissed</c> count pickup windows that ended without
/// boarding, and pickups given up after the grace.
/// </remarks>
internal sealed record KpiDelta(
    int Served = 0,
    int Rejected = 0,
    int Cancelled = 0,
    int NoShows = 0,
    int ParcelsDelivered = 0,
    int ParcelsLate = 0,
    int Boardings = 0,
    double WaitSeconds = 0,
    double RideSeconds = 0,
    double DrivenMetres = 0,
    double EmptyMetres = 0,
    double PassengerMetres = 0,
    double DirectSeconds = 0,
    int NotKept = 0,
    int PickupsLate = 0,
    int PickupsMissed = 0,
    int Replanned = 0);
