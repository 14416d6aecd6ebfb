using DemandMobility.Dispatch.Persistence;
using Microsoft.Data.Sqlite;

namespace DemandMobility.Storage;

public sealed partial class SqliteDispatchStore
{
    /// <inheritdoc />
    public async Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await SnapshotRows.SaveAsync(_writer, tx, "", snapshot, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ApplyConnectionPragmasAsync(connection, cancellationToken).ConfigureAwait(false);
        return await SnapshotRows.ReadAsync(connection, "", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await ScalarAsync(_writer, "SELECT COALESCE(MAX(sequence), 0) FROM dm_events", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task CheckpointAsync(bool truncate, CancellationToken cancellationToken)
    {
        // SQLite's automatic checkpoint (every 1000 pages) cannot move past pages an open reader still sees, so under a
        // steady read load the WAL keeps growing and the main file lags behind. An explicit checkpoint from the writer
        // connection keeps the file current; TRUNCATE also resets the WAL to zero bytes (used on shutdown).
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await using var command = _writer.CreateCommand();
            command.CommandText = truncate ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
