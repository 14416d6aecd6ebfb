using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand;

/// <summary>
/// One trip of demand, as a planner would write it in a survey or booking export: when it is asked for,
/// from where to where, and its time constraint. The simulator turns it into a quote (or a parcel submission)
/// at <see cref="RequestTime"/> on the simulated clock.
/// </summary>
/// <param name="Id">Stable id within the demand set (e.g. "r000123", "pupil-0042", "parcel-007").</param>
/// <param name="RequestTime">When the rider/shop asks (simulated clock).</param>
/// <param name="EarliestPickup">Earliest departure; null when <paramref name="LatestArrival"/> is given. Equal to (or just after) <paramref name="RequestTime"/> for immediate trips; later for pre-bookings.</param>
/// <param name="LatestArrival">Latest arrival (e.g. a school bell); null when <paramref name="EarliestPickup"/> is given.</param>
/// <param name="Origin">Where the trip starts.</param>
/// <param name="Destination">Where the trip ends.</param>
/// <param name="Passengers">Seats needed (0 for parcels).</param>
/// <param name="WheelchairPlaces">Wheelchair places needed.</param>
/// <param name="Kind">Passenger, pupil or parcel.</param>
/// <param name="ParcelUnits">Parcel volume in units (parcels only).</param>
/// <param name="DeliverBy">Latest delivery of a parcel (parcels only).</param>
/// <param name="Group">Service group (e.g. the school's id) that may restrict which vehicles serve the trip; null for none.</param>
/// <param name="MaxRideTime">A ride-time limit for this trip (pupils by age group); null uses the service's rule.</param>
/// <param name="SourceLine">Line number in the demand file it was read from; null for synthetic demand.</param>
/// <param name="Train">The train this trip feeds or comes from (scenario <c>rail_feeders</c>); null for an ordinary trip.</param>
public sealed record DemandTrip(
    string Id,
    DateTimeOffset RequestTime,
    DateTimeOffset? EarliestPickup,
    DateTimeOffset? LatestArrival,
    GeoPoint Origin,
    GeoPoint Destination,
    int Passengers,
    int WheelchairPlaces,
    TripKind Kind,
    int ParcelUnits = 0,
    DateTimeOffset? DeliverBy = null,
    string? Group = null,
    TimeSpan? MaxRideTime = null,
    int? SourceLine = null,
    Dispatch.Domain.TrainConnection? Train = null);
