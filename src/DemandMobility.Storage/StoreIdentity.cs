namespace DemandMobility.Storage;

/// <summary>What a store found when it opened.</summary>
/// <param name="StoreId">The id written when the store was created (or first opened by a version with ids).</param>
/// <param name="LastSequence">The last event's sequence; 0 for an empty log.</param>
/// <param name="Created">True when this open created the tables (a new, empty store).</param>
public sealed record StoreIdentity(string StoreId, long LastSequence, bool Created);
