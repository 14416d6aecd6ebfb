namespace DemandMobility.Dispatch.Domain;

/// <summary>A stop event reported by a vehicle.</summary>
/// <param name="VehicleId">The reporting vehicle.</param>
/// <param name="Kind">What happened.</param>
/// <param name="SubjectId">The booking or parcel id it concerns.</param>
public sealed record StopEvent(string VehicleId, StopEventKind Kind, string SubjectId);
