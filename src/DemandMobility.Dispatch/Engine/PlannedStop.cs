using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>One stop of a committed route, in engine seconds.</summary>
internal readonly record struct PlannedStop(string TaskId, StopKind Kind, double Arrival, double ServiceStart, double Departure);

/// <summary>The new stop list of one vehicle, as carried by an event.</summary>
internal sealed record RouteChange(string VehicleId, PlannedStop[] Stops);
