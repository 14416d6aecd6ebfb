namespace DemandMobility.Dispatch.Engine;

/// <summary>When the engine snapshots its state into an <see cref="Persistence.ISnapshotStore"/>.</summary>
/// <param name="EveryEvents">
/// A snapshot after this many events since the last one; 0 turns periodic snapshots off. At the default a restart
/// replays at most 10,000 events after the snapshot, whatever the length of the log.
/// </param>
public sealed record EngineSnapshotPolicy(int EveryEvents = 10_000)
{
    /// <summary>The default policy.</summary>
    public static EngineSnapshotPolicy Default { get; } = new();
}
