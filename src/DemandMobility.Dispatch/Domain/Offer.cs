namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// What the dispatcher proposes for a quote. Confirming it before <see cref="ExpiresAt"/> turns the
/// promised pickup window (and the latest arrival, if asked for) into a binding promise.
/// </summary>
/// <param name="OfferId">Id to confirm with.</param>
/// <param name="BookingId">The booking this offer belongs to.</param>
/// <param name="Pickup">Where the rider boards.</param>
/// <param name="Dropoff">Where the rider alights.</param>
/// <param name="PromisedPickupStart">The promised pickup window's start.</param>
/// <param name="PromisedPickupEnd">The promised pickup window's end.</param>
/// <param name="PlannedPickup">The planned pickup time inside the window.</param>
/// <param name="PredictedDropoff">The predicted drop-off time (a forecast, not a promise).</param>
/// <param name="LatestArrival">Promised latest arrival when the rider asked by arrival time; otherwise null.</param>
/// <param name="ExpiresAt">After this, the offer can no longer be confirmed.</param>
/// <param name="VehicleId">The vehicle the plan tentatively uses (may change after confirmation).</param>
public sealed record Offer(
    string OfferId,
    string BookingId,
    VirtualStop Pickup,
    VirtualStop Dropoff,
    DateTimeOffset PromisedPickupStart,
    DateTimeOffset PromisedPickupEnd,
    DateTimeOffset PlannedPickup,
    DateTimeOffset PredictedDropoff,
    DateTimeOffset? LatestArrival,
    DateTimeOffset ExpiresAt,
    string VehicleId);
