namespace DemandMobility.Routing.Matching;

/// <summary>One GPS fix of a vehicle: where and when (seconds on any clock shared by the trace).</summary>
/// <param name="Latitude">Degrees.</param>
/// <param name="Longitude">Degrees.</param>
/// <param name="Seconds">Time of the fix; a trace is in increasing time.</param>
public readonly record struct GpsFix(double Latitude, double Longitude, double Seconds);
