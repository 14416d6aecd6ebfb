using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// One row of trips.csv: what happened to one demand trip. Times are absolute on the simulated clock.
/// <see cref="AlternativeTime"/> is the later departure a rider accepted after a rejection: the wait counts from the
/// time first asked (<see cref="RequestedPickup"/>), the dispatcher's maximum wait from the alternative.
/// </summary>
public sealed record TripRecord(
    string TripId,
    TripKind Kind,
    string? Group,
    TripOutcome Outcome,
    string? Reason,
    DateTimeOffset RequestTime,
    DateTimeOffset? RequestedPickup,
    DateTimeOffset? LatestArrival,
    GeoPoint Origin,
    GeoPoint Destination,
    int Passengers,
    int WheelchairPlaces,
    int ParcelUnits,
    string? BookingId,
    string? VehicleId,
    DateTimeOffset? PromisedPickupEarliest,
    DateTimeOffset? PromisedPickupLatest,
    DateTimeOffset? PickupTime,
    DateTimeOffset? DropoffTime,
    double? WaitSeconds,
    double? RideSeconds,
    double? DirectRideSeconds,
    double? DirectKm,
    double? MaxRideSeconds,
    DateTimeOffset? AlternativeTime = null,
    double? PickupLatenessSeconds = null,
    string? BrokenPromise = null,
    string? BrokenCause = null,
    string? Incident = null,
    string? Train = null,
    double? TrainDelaySeconds = null,
    string? Connection = null);
