namespace DemandMobility.Dispatch.Engine;

/// <summary>How the engine rebuilt its state when it opened.</summary>
/// <param name="SnapshotSequence">The sequence of the snapshot it started from; 0 for a full replay.</param>
/// <param name="EventsReplayed">Events folded in after the snapshot.</param>
/// <param name="LastSequence">The last event of the log.</param>
/// <param name="Warning">Why a stored snapshot was not used (damaged, another format), or null.</param>
public sealed record ReplayReport(long SnapshotSequence, long EventsReplayed, long LastSequence, string? Warning);
