namespace DemandMobility.Simulator.Output;

/// <summary>The fleet at one instant of the simulated day (for the occupancy-over-time chart).</summary>
/// <param name="Time">Simulated time of the sample.</param>
/// <param name="VehiclesOnShift">Vehicles on shift.</param>
/// <param name="VehiclesMoving">Vehicles driving (with or without load).</param>
/// <param name="PassengersOnBoard">Riders and pupils on board, all vehicles.</param>
/// <param name="ParcelsOnBoard">Parcels on board, all vehicles.</param>
public sealed record FleetSample(DateTimeOffset Time, int VehiclesOnShift, int VehiclesMoving, int PassengersOnBoard, int ParcelsOnBoard);
