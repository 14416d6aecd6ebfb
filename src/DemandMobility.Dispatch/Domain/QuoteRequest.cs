namespace DemandMobility.Dispatch.Domain;

/// <summary>A rider's trip request. Give exactly one of <see cref="EarliestDeparture"/> and <see cref="LatestArrival"/>.</summary>
/// <param name="Origin">Where to be picked up.</param>
/// <param name="Destination">Where to go.</param>
/// <param name="EarliestDeparture">Leave no earlier than this.</param>
/// <param name="LatestArrival">Arrive no later than this.</param>
/// <param name="Passengers">Riders needing a seat (at least one unless wheelchair places are booked).</param>
/// <param name="WheelchairPlaces">Riders needing a wheelchair place.</param>
/// <param name="Luggage">Large items (prams, bicycles) using the vehicle's extra dimension.</param>
public sealed record QuoteRequest(
    PlaceRef Origin,
    PlaceRef Destination,
    DateTimeOffset? EarliestDeparture,
    DateTimeOffset? LatestArrival,
    int Passengers = 1,
    int WheelchairPlaces = 0,
    int Luggage = 0);
