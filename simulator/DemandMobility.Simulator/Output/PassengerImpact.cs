namespace DemandMobility.Simulator.Output;

/// <summary>
/// What the parcels did to one rider (passenger or pupil): the trip's outcome and times with parcels (the scenario
/// as run) against the same day without them. Positive seconds = worse with parcels.
/// </summary>
/// <param name="TripId">The demand trip.</param>
/// <param name="WithParcels">Outcome in the run with parcels.</param>
/// <param name="WithoutParcels">Outcome in the parcel-free run.</param>
/// <param name="AddedWaitSeconds">Wait with − wait without (departure requests served in both runs), else null.</param>
/// <param name="AddedRideSeconds">Ride time with − ride time without (served in both runs), else null.</param>
/// <param name="AddedDelaySeconds">
/// Added door-to-door time (served in both runs), else null: for a departure request the later drop-off
/// (= added wait + added ride); for an arrive-by request the earlier pickup (its arrival is promised either way).
/// </param>
public sealed record PassengerImpact(
    string TripId,
    TripOutcome WithParcels,
    TripOutcome WithoutParcels,
    double? AddedWaitSeconds,
    double? AddedRideSeconds,
    double? AddedDelaySeconds);
