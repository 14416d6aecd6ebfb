namespace DemandMobility.Simulator.Report;

/// <summary>The bill for one route of the school run (one vehicle's duty).</summary>
/// <param name="VehicleId">The vehicle.</param>
/// <param name="Km">Kilometres driven on the duty.</param>
/// <param name="Minutes">Minutes on duty (the vehicle's shift).</param>
/// <param name="Pupils">Pupils delivered.</param>
/// <param name="Cost">per_km × km + per_hour × hours + per_trip × pupils, in euro.</param>
public sealed record RouteBilling(string VehicleId, double Km, double Minutes, int Pupils, double Cost);
