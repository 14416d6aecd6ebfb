namespace DemandMobility.Dispatch.Engine;

/// <summary>A place found for a new task: the vehicle, its complete new route and the task's planned service starts.</summary>
internal sealed record InsertionChoice(string VehicleId, PlannedStop[] Route, double PickupStart, double DeliveryStart);
