namespace DemandMobility.Dispatch.Engine;

/// <summary>How much an engine holds: what its re-optimisation round and its memory grow with.</summary>
/// <param name="Vehicles">Registered vehicles.</param>
/// <param name="OpenBookings">Bookings confirmed or on board (in the plan).</param>
/// <param name="OpenOffers">Offers awaiting confirmation (in memory only).</param>
public sealed record EngineSize(int Vehicles, int OpenBookings, int OpenOffers);
