namespace DemandMobility.Storage;

/// <summary>
/// A restore prepared while the server runs and applied at its next start, before the store opens: the backup is
/// copied into the data folder and verified there (SQLite's integrity check and the whole event chain); only a copy
/// that passes becomes the pending restore (<see cref="PendingFileName"/>), so a damaged backup never reaches the store.
/// The running engine is not swapped under live calls: what it holds stays until the restart.
/// </summary>
public static class StagedRestore
{
    /// <summary>The verified backup waiting in the data folder.</summary>
    public const string PendingFileName = "restore-pending.db";

    /// <summary>The pending restore's path in <paramref name="dataDirectory"/>.</summary>
    public static string PendingPath(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), PendingFileName);

    /// <summary>
    /// Copies <paramref name="backup"/> (named <paramref name="name"/> in messages) into the data folder, verifies the copy
    /// and makes it the pending restore, replacing an earlier pending one. The live store is not touched.
    /// </summary>
    /// <exception cref="DispatchStoreException">The backup is damaged or not a store (named; nothing staged).</exception>
    public static async Task<StoreVerification> StageAsync(Stream backup, string name, string dataDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(backup);
        var pending = PendingPath(dataDirectory);
        var temporary = $"{pending}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
                await backup.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            StoreVerification verification;
            try
            {
                verification = await StoreBackup.VerifyFileAsync(temporary, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DispatchStoreException or Dispatch.Persistence.StoreIntegrityException or Microsoft.Data.Sqlite.SqliteException)
            {
                throw new DispatchStoreException($"The backup {name} is damaged and was not restored (the store is unchanged): {e.Message}", e);
            }
            File.Move(temporary, pending, overwrite: true);
            return verification;
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Applies the pending restore, if any, with <see cref="StoreBackup.RestoreAsync"/> (verified again; the current
    /// database is moved aside as <c>…replaced-TIME</c>) and removes it. Call before the store opens.
    /// </summary>
    /// <returns>The restored copy, or null when nothing was pending.</returns>
    public static async Task<StoreCopy?> ApplyPendingAsync(string dataDirectory, string databaseFileName, CancellationToken cancellationToken = default)
    {
        var pending = PendingPath(dataDirectory);
        if (!File.Exists(pending)) return null;
        var copy = await StoreBackup.RestoreAsync(pending, dataDirectory, databaseFileName, cancellationToken).ConfigureAwait(false);
        File.Delete(pending);
        return copy;
    }
}
