using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Transit.Planning;

/// <summary>
/// One leg of an itinerary. An on-demand leg carries the dispatcher's <see cref="Offer"/> (confirm it to book)
/// and the guarantee it was quoted with: a feeder to a train has a hard <see cref="LatestDropoff"/>
/// (departure − transfer buffer); a ride from a train starts no earlier than <see cref="EarliestPickup"/>
/// (the train's arrival + transfer buffer).
/// </summary>
public sealed record ItineraryLeg(
    LegMode Mode, Place From, Place To, DateTimeOffset Departure, DateTimeOffset Arrival,
    string? Route = null, string? TripId = null, string? Headsign = null, DateOnly? ServiceDate = null,
    Offer? Offer = null, DateTimeOffset? LatestDropoff = null, DateTimeOffset? EarliestPickup = null);
