using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>A store on disk or on a database server (SQLite, PostgreSQL): it has an identity and keeps snapshots.</summary>
public interface IDurableDispatchStore : IDispatchStore, ISnapshotStore
{
    /// <summary>The file or database, for messages.</summary>
    string Location { get; }

    /// <summary>What the store found when it opened.</summary>
    StoreIdentity Identity { get; }

    /// <summary>The last event's sequence now (0 for an empty log).</summary>
    Task<long> LastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Copies committed pages from the SQLite write-ahead log into the database file (<paramref name="truncate"/>:
    /// and empties the WAL, waiting for readers), so the file alone holds every commit. PostgreSQL: nothing to do.
    /// </summary>
    Task CheckpointAsync(bool truncate, CancellationToken cancellationToken);
}
