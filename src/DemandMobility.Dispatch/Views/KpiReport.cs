namespace DemandMobility.Dispatch.Views;

/// <summary>Service figures of a period (or since the log began).</summary>
/// <param name="Served">Completed trips.</param>
/// <param name="Rejected">Quotes without an offer.</param>
/// <param name="Cancelled">Cancelled confirmed bookings.</param>
/// <param name="NoShows">Riders who did not come.</param>
/// <param name="ParcelsDelivered">Parcels handed over in time.</param>
/// <param name="ParcelsDeliveredLate">Parcels handed over late.</param>
/// <param name="AverageWaitSeconds">Mean of boarding time minus promised window start (0 if early).</param>
/// <param name="AverageRideSeconds">Mean of drop-off minus boarding time.</param>
/// <param name="VehicleKm">Kilometres driven (between reported positions and stops).</param>
/// <param name="EmptyKm">Kilometres driven with nothing on board.</param>
/// <param name="Occupancy">Passenger-kilometres per vehicle-kilometre.</param>
/// <param name="P95WaitSeconds">95th percentile of the wait (nearest-rank), 0 without boardings.</param>
/// <param name="MeanDetourFactor">Mean over served trips of ride time / direct driving time; 0 without such trips.</param>
/// <param name="Punctuality">Share of boardings within the promised pickup window, 0..1; 0 without boardings.</param>
/// <param name="PromisesNotKept">Bookings and parcels whose vehicle left service and that no other duty could take.</param>
/// <param name="Replanned">Bookings and parcels moved to another duty when theirs left service.</param>
/// <param name="PickupsLate">Pickup windows that ended without the rider boarding.</param>
/// <param name="PickupsMissed">Pickups given up as missed after the grace.</param>
public sealed record KpiReport(
    int Served,
    int Rejected,
    int Cancelled,
    int NoShows,
    int ParcelsDelivered,
    int ParcelsDeliveredLate,
    double AverageWaitSeconds,
    double AverageRideSeconds,
    double VehicleKm,
    double EmptyKm,
    double Occupancy,
    double P95WaitSeconds = 0,
    double MeanDetourFactor = 0,
    double Punctuality = 0,
    int PromisesNotKept = 0,
    int Replanned = 0,
    int PickupsLate = 0,
    int PickupsMissed = 0);
