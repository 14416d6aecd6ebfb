using Microsoft.Data.Sqlite;

namespace DemandMobility.Storage;

/// <summary>The outcome of a backup or a restore: the copy and what its verification found.</summary>
/// <param name="File">The database file written.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Verification">The integrity check and the event chain of the copy.</param>
/// <param name="SetAside">For a restore: where the replaced database was moved; null when there was none.</param>
public sealed record StoreCopy(string File, long Bytes, StoreVerification Verification, string? SetAside = null);

/// <summary>
/// Backs up and restores the SQLite store. A backup uses SQLite's online backup API (a consistent copy of every committed
/// page, the WAL included, while the server keeps running) and is then checked: <c>PRAGMA integrity_check</c> and the whole
/// event chain (<see cref="StoreVerifier"/>). A restore checks the backup the same way before it replaces anything.
/// </summary>
public static class StoreBackup
{
    /// <summary>Copies the store at <paramref name="databaseFile"/> to <paramref name="outFile"/> (which must not exist) and verifies the copy.</summary>
    /// <exception cref="DispatchStoreException">The source is missing, the target exists, or the copy fails verification (names the file).</exception>
    public static async Task<StoreCopy> BackupAsync(string databaseFile, string outFile, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(databaseFile);
        var target = Path.GetFullPath(outFile);
        if (!File.Exists(source) || new FileInfo(source).Length == 0)
            throw new DispatchStoreException($"There is no dispatch store at '{source}' to back up.");
        if (File.Exists(target))
            throw new DispatchStoreException($"'{target}' already exists; choose a new file name (a backup never overwrites).");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        await using (var from = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadOnly)))
        await using (var to = new SqliteConnection(ConnectionString(target, SqliteOpenMode.ReadWriteCreate)))
        {
            await from.OpenAsync(cancellationToken).ConfigureAwait(false);
            await to.OpenAsync(cancellationToken).ConfigureAwait(false);
            from.BackupDatabase(to);
            // The copy is a single self-contained file: no WAL to carry around with it.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE";
            await journal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var verification = await VerifyFileAsync(target, cancellationToken).ConfigureAwait(false);
            return new StoreCopy(target, new FileInfo(target).Length, verification);
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    /// <summary>
    /// Replaces the store of <paramref name="dataDirectory"/> by <paramref name="backupFile"/> after verifying it: the current
    /// database (with its WAL) is moved aside, the backup copied in, and the store marker rewritten for it. Stop the server first.
    /// </summary>
    public static async Task<StoreCopy> RestoreAsync(string backupFile, string dataDirectory, string databaseFileName, CancellationToken cancellationToken = default)
    {
        var backup = Path.GetFullPath(backupFile);
        if (!File.Exists(backup)) throw new DispatchStoreException($"The backup '{backup}' does not exist.");
        var verification = await VerifyFileAsync(backup, cancellationToken).ConfigureAwait(false);

        var target = Path.Combine(Path.GetFullPath(dataDirectory), databaseFileName);
        string? aside = null;
        if (File.Exists(target))
        {
            aside = $"{target}.replaced-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            File.Move(target, aside);
            foreach (var suffix in new[] { "-wal", "-shm" })
                if (File.Exists(target + suffix)) File.Move(target + suffix, aside + suffix);
        }
        else
        {
            foreach (var suffix in new[] { "-wal", "-shm" }) File.Delete(target + suffix);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(backup, target);
        await using (var connection = new SqliteConnection(ConnectionString(target, SqliteOpenMode.ReadWrite)))
        {
            // Backups are single files (journal DELETE); the live store runs with a WAL.
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL";
            await wal.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var store = await SqliteDispatchStore.OpenAsync(target, "it should be the restored copy.", cancellationToken).ConfigureAwait(false))
        {
            new StoreMarker(store.Identity.StoreId, store.Location, store.Identity.LastSequence, DateTimeOffset.UtcNow).Write(Path.GetDirectoryName(target)!);
            await store.CheckpointAsync(truncate: true, cancellationToken).ConfigureAwait(false);
        }
        return new StoreCopy(target, new FileInfo(target).Length, verification, aside);
    }

    /// <summary>Checks a store file: <c>PRAGMA integrity_check</c>, then every event and snapshot.</summary>
    /// <exception cref="DispatchStoreException">No such file, or SQLite reports damage (its first findings are quoted).</exception>
    /// <exception cref="Dispatch.Persistence.StoreIntegrityException">The event log has a gap or an altered event.</exception>
    public static async Task<StoreVerification> VerifyFileAsync(string databaseFile, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(databaseFile);
        if (!File.Exists(path)) throw new DispatchStoreException($"There is no dispatch store at '{path}' to verify.");
        await using (var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadOnly)))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check(10)";
            var findings = new List<string>();
            await using (var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) findings.Add(reader.GetString(0));
            if (findings is not ["ok"])
                throw new DispatchStoreException($"'{path}' fails SQLite's integrity check: {string.Join("; ", findings)}");
        }
        await using var store = await SqliteDispatchStore.OpenAsync(path, "there is nothing to verify.", cancellationToken).ConfigureAwait(false);
        return await StoreVerifier.VerifyAsync(store, cancellationToken).ConfigureAwait(false);
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();
}
