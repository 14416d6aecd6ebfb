namespace DemandMobility.Storage;

/// <summary>
/// Opens the configured store so that it never starts empty by mistake. A store is only created when nothing in the
/// data folder shows that one existed: no <see cref="StoreMarker"/>, no SQLite WAL file, none of
/// <see cref="StoreSettings.OtherEvidence"/>, or when the operator asks for it with <c>Storage:CreateNew=true</c>.
/// An existing store must be the one the marker names (same store id) and must not end before the last event the
/// folder saw. Every refusal names the file or database and what to do; nothing is modified by a refusal.
/// </summary>
public static class StoreGuard
{
    /// <summary>What the operator can do when a store is missing.</summary>
    public const string MissingAdvice =
        "If the database was lost, restore it from a backup (dm store restore --data-dir DIR --from FILE). " +
        "To start with a new, empty store on purpose, start once with --Storage:CreateNew=true (Storage__CreateNew=true).";

    /// <summary>Opens (or, when allowed, creates) the store and refreshes the marker.</summary>
    /// <exception cref="DispatchStoreException">The store is missing or is not the data folder's store (message says why).</exception>
    public static async Task<IDurableDispatchStore> OpenAsync(StoreSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var marker = StoreMarker.Read(settings.DataDirectory);
        var evidence = new List<string>();
        if (marker is not null)
            evidence.Add($"the store marker '{StoreMarker.PathIn(settings.DataDirectory)}' records store {marker.StoreId} with {marker.LastSequence} events");
        if (settings.SqlitePath is { } sqlite && new FileInfo(sqlite + "-wal") is { Exists: true, Length: > 0 } wal)
            evidence.Add($"the write-ahead log '{wal.FullName}' ({wal.Length} bytes) is left from it");
        // A file this very process wrote (the JWT key, if the host happens to create it before the store) shows nothing.
        var processStart = System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime();
        foreach (var file in settings.OtherEvidence ?? [])
            if (File.Exists(file) && File.GetLastWriteTimeUtc(file) < processStart)
                evidence.Add($"'{file}' was written by an earlier start");

        string? refuse = evidence.Count > 0 && !settings.CreateNew
            ? "the data folder shows there was a store: " + string.Join("; ", evidence) + ". The server does not start on an empty store " +
              "by mistake. " + MissingAdvice
            : null;

        IDurableDispatchStore store = settings.SqlitePath is { } path
            ? await SqliteDispatchStore.OpenAsync(path, refuse, cancellationToken).ConfigureAwait(false)
            : await PostgresDispatchStore.OpenAsync(settings.PostgresConnectionString, settings.PostgresSchema, refuse, cancellationToken).ConfigureAwait(false);
        try
        {
            var identity = store.Identity;
            if (marker is not null && !identity.Created && !(settings.CreateNew && identity.LastSequence == 0))
            {
                if (marker.StoreId != identity.StoreId)
                    throw new DispatchStoreException(
                        $"The dispatch store {store.Location} is store {identity.StoreId} ({identity.LastSequence} events), but this data folder " +
                        $"belongs to store {marker.StoreId} (marker '{StoreMarker.PathIn(settings.DataDirectory)}', {marker.LastSequence} events, " +
                        $"last at {marker.Location}). Point the server at the right database or data folder; if this database is the one " +
                        "you mean to use, delete the marker file and start again. Nothing was modified.");
                if (identity.LastSequence < marker.LastSequence)
                    throw new DispatchStoreException(
                        $"The dispatch store {store.Location} ends at event {identity.LastSequence}, but this data folder saw it reach event " +
                        $"{marker.LastSequence} (marker '{StoreMarker.PathIn(settings.DataDirectory)}'): events {identity.LastSequence + 1}–" +
                        $"{marker.LastSequence} are lost (a truncated file or an older copy). Restore the latest backup with " +
                        "dm store restore; to accept the store as it is, delete the marker file and start again. Nothing was modified.");
            }
            new StoreMarker(identity.StoreId, store.Location, identity.LastSequence, DateTimeOffset.UtcNow).Write(settings.DataDirectory);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records that the store reached <paramref name="lastSequence"/> (at checkpoints and on shutdown).</summary>
    public static void Touch(string dataDirectory, IDurableDispatchStore store, long lastSequence)
    {
        var marker = StoreMarker.Read(dataDirectory);
        if (marker is not null && marker.StoreId == store.Identity.StoreId && marker.LastSequence >= lastSequence) return;
        new StoreMarker(store.Identity.StoreId, store.Location, lastSequence, DateTimeOffset.UtcNow).Write(dataDirectory);
    }
}
