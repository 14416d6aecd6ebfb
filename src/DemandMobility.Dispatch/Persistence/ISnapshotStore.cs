namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// A store that also keeps snapshots of the engine state (all three stores do). Snapshots are an optimisation:
/// the event log stays the system of record, and a missing or damaged snapshot only means a longer replay.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Stores a snapshot and drops all but the newest <see cref="KeptSnapshots"/>.</summary>
    Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The stored snapshots, newest (highest sequence) first.</summary>
    Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(CancellationToken cancellationToken);

    /// <summary>How many snapshots a store keeps: the newest, and one to fall back to when it is damaged.</summary>
    public const int KeptSnapshots = 2;
}
