using System.Text.Json.Serialization;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Increments of the running KPI counters carried by an event, so replay rebuilds them.</summary>
/// <remarks>
/// A boarding event carries exactly one boarding, so its <c>WaitSeconds</c> is that rider's wait; a drop-off
/// carries one served trip with its ride and direct driving time (0 in logs written before the detour KPI).
/// <c>NotKept</c> counts bookings whose vehicle left service and that no other duty could take, <c>Replanned</c> those
/// moved to another duty instead; <c>PickupsLate</c> and <c>PickupsMissed</c> count pickup windows that ended without
/// boarding, and pickups given up after the grace.
/// Zero counters are left out of the stored JSON (a GPS fix carries only its metres) and read back as 0.
/// </remarks>
internal sealed record KpiDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Served = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Rejected = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Cancelled = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int NoShows = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ParcelsDelivered = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int ParcelsLate = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Boardings = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double WaitSeconds = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double RideSeconds = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double DrivenMetres = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double EmptyMetres = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double PassengerMetres = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] double DirectSeconds = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int NotKept = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int PickupsLate = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int PickupsMissed = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Replanned = 0)
{
    /// <summary>The counters of both increments added up.</summary>
    public KpiDelta Plus(KpiDelta b) => new(
        Served + b.Served, Rejected + b.Rejected, Cancelled + b.Cancelled, NoShows + b.NoShows,
        ParcelsDelivered + b.ParcelsDelivered, ParcelsLate + b.ParcelsLate, Boardings + b.Boardings,
        WaitSeconds + b.WaitSeconds, RideSeconds + b.RideSeconds, DrivenMetres + b.DrivenMetres,
        EmptyMetres + b.EmptyMetres, PassengerMetres + b.PassengerMetres, DirectSeconds + b.DirectSeconds,
        NotKept + b.NotKept, PickupsLate + b.PickupsLate, PickupsMissed + b.PickupsMissed, Replanned + b.Replanned);
}
