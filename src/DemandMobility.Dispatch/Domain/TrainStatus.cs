namespace DemandMobility.Dispatch.Domain;

/// <summary>What real-time data says about one train at one stop (from GTFS-Realtime TripUpdates, or a simulation).</summary>
/// <param name="TripId">The feed's trip id.</param>
/// <param name="ServiceDate">The trip's service date.</param>
/// <param name="StopId">The stop.</param>
/// <param name="Delay">Departure delay (for a feeder's stop) or arrival delay (for a ride home's stop); negative when early.</param>
/// <param name="Cancelled">The trip does not run.</param>
public sealed record TrainStatus(string TripId, DateOnly ServiceDate, string StopId, TimeSpan Delay, bool Cancelled = false);
