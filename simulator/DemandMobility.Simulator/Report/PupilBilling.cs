using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Report;

/// <summary>One pupil's line of the school bill.</summary>
/// <param name="TripId">The pupil's trip id.</param>
/// <param name="Group">The school group, when pupils are kept apart by school.</param>
/// <param name="VehicleId">The vehicle that carried the pupil; null when not served.</param>
/// <param name="Outcome">What happened to the trip.</param>
/// <param name="DirectKm">Straight-to-school road distance, km.</param>
/// <param name="RideMinutes">Time on board, minutes; null when not served.</param>
/// <param name="AllocatedCost">The pupil's share of its route's cost, euro (0 when not served).</param>
public sealed record PupilBilling(string TripId, string? Group, string? VehicleId, TripOutcome Outcome, double? DirectKm, double? RideMinutes, double AllocatedCost);
