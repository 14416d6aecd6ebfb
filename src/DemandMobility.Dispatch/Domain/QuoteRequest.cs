namespace DemandMobility.Dispatch.Domain;

/// <summary>A rider's trip request. Give exactly one of <see cref="EarliestDeparture"/> and <see cref="LatestArrival"/>.</summary>
/// <param name="Origin">Where to be picked up.</param>
/// <param name="Destination">Where to go.</param>
/// <param name="EarliestDeparture">Leave no earlier than this.</param>
/// <param name="LatestArrival">Arrive no later than this.</param>
/// <param name="Passengers">Riders needing a seat (at least one unless wheelchair places are booked).</param>
/// <param name="WheelchairPlaces">Riders needing a wheelchair place.</param>
/// <param name="Luggage">Large items (prams, bicycles) using the vehicle's extra dimension.</param>
/// <param name="RiderKind">An ordinary rider or a pupil on the school run (billing and KPIs tell them apart).</param>
/// <param name="MaxRideTime">A ride-time limit for this trip (pupils by age group); null uses the service's detour rule.</param>
/// <param name="ServiceGroup">Only vehicles of this group may carry the trip (e.g. one school's buses); null for the general fleet.</param>
/// <param name="Traveller">Who travels, for a booking made for someone else (dispatchers only); stored encrypted, never in clear.</param>
/// <param name="Train">The train this trip feeds or comes from (intermodal journeys): real-time delays move its promise.</param>
public sealed record QuoteRequest(
    PlaceRef Origin,
    PlaceRef Destination,
    DateTimeOffset? EarliestDeparture,
    DateTimeOffset? LatestArrival,
    int Passengers = 1,
    int WheelchairPlaces = 0,
    int Luggage = 0,
    RiderKind RiderKind = RiderKind.Passenger,
    TimeSpan? MaxRideTime = null,
    string? ServiceGroup = null,
    Traveller? Traveller = null,
    TrainConnection? Train = null);
