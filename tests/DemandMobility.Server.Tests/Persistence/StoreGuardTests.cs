using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Microsoft.Data.Sqlite;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>
/// A store never starts empty by mistake (SQLite): a truncated, deleted or replaced database where the data folder
/// shows there was one is refused with a message naming the file, unless Storage:CreateNew asks for a new store.
/// </summary>
public sealed class StoreGuardTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("dispatch.db");

    private StoreSettings Settings(bool createNew = false) =>
        new(_dir.Path, DbPath, CreateNew: createNew, OtherEvidence: [_dir.File("jwt-signing.key")]);

    public void Dispose() => _dir.Dispose();

    private static StoredEvent Event(int i) => new(0, "E", $"s/{i}", new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero), $"{{\"i\":{i}}}");

    /// <summary>A store with <paramref name="events"/> events, closed cleanly (WAL checkpointed as on shutdown).</summary>
    private async Task<string> CreateStoreAsync(int events)
    {
        await using var store = await StoreGuard.OpenAsync(Settings());
        Assert.True(store.Identity.Created);
        for (int i = 1; i <= events; i++) await store.AppendAsync([Event(i)], null, CancellationToken.None);
        await store.CheckpointAsync(truncate: true, CancellationToken.None);
        StoreGuard.Touch(_dir.Path, store, await store.LastSequenceAsync(CancellationToken.None));
        return store.Identity.StoreId;
    }

    private void DeleteWal()
    {
        File.Delete(DbPath + "-wal");
        File.Delete(DbPath + "-shm");
    }

    [Fact]
    public async Task A_new_data_folder_gets_a_new_store_and_a_marker()
    {
        var id = await CreateStoreAsync(3);

        var marker = StoreMarker.Read(_dir.Path)!;
        Assert.Equal(id, marker.StoreId);
        Assert.Equal(3, marker.LastSequence);
        await using var again = await StoreGuard.OpenAsync(Settings());
        Assert.False(again.Identity.Created);
        Assert.Equal(3, again.Identity.LastSequence);
    }

    [Fact]
    public async Task A_database_truncated_to_zero_bytes_is_refused_and_left_as_it_is()
    {
        await CreateStoreAsync(56);
        DeleteWal();
        await File.WriteAllBytesAsync(DbPath, []);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains(DbPath, ex.Message);
        Assert.Contains("is empty (0 bytes)", ex.Message);
        Assert.Contains(StoreMarker.FileName, ex.Message);
        Assert.Contains("56 events", ex.Message);
        Assert.Contains("--Storage:CreateNew=true", ex.Message);
        Assert.Equal(0, new FileInfo(DbPath).Length);
    }

    [Fact]
    public async Task A_deleted_database_is_refused_and_not_recreated()
    {
        await CreateStoreAsync(2);
        DeleteWal();
        File.Delete(DbPath);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains("does not exist", ex.Message);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public async Task A_deleted_database_next_to_its_wal_file_is_refused()
    {
        await using (var store = await StoreGuard.OpenAsync(Settings()))
            await store.AppendAsync([Event(1)], null, CancellationToken.None);
        File.Delete(StoreMarker.PathIn(_dir.Path));
        await File.WriteAllBytesAsync(DbPath + "-wal", new byte[4096]);
        File.Delete(DbPath);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains("write-ahead log", ex.Message);
    }

    [Fact]
    public async Task A_folder_with_only_the_signing_key_left_is_refused()
    {
        // A data folder of an earlier version (no marker yet) whose database was lost: the key file shows the server ran.
        await File.WriteAllTextAsync(_dir.File("jwt-signing.key"), "key");
        File.SetLastWriteTimeUtc(_dir.File("jwt-signing.key"), DateTime.UtcNow.AddDays(-30));

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains("jwt-signing.key", ex.Message);
    }

    [Fact]
    public async Task CreateNew_starts_an_empty_store_on_purpose_and_rewrites_the_marker()
    {
        var old = await CreateStoreAsync(5);
        DeleteWal();
        await File.WriteAllBytesAsync(DbPath, []);

        await using var store = await StoreGuard.OpenAsync(Settings(createNew: true));

        Assert.True(store.Identity.Created);
        Assert.NotEqual(old, store.Identity.StoreId);
        Assert.Equal(store.Identity.StoreId, StoreMarker.Read(_dir.Path)!.StoreId);
    }

    [Fact]
    public async Task A_database_replaced_by_another_store_is_refused_naming_both()
    {
        var mine = await CreateStoreAsync(4);
        using var other = new TempDirectory();
        await using (var foreign = await StoreGuard.OpenAsync(new StoreSettings(other.Path, other.File("dispatch.db"))))
        {
            await foreign.AppendAsync([Event(1)], null, CancellationToken.None);
            await foreign.CheckpointAsync(true, CancellationToken.None);
        }
        DeleteWal();
        File.Copy(other.File("dispatch.db"), DbPath, overwrite: true);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains(mine, ex.Message);
        Assert.Contains("delete the marker", ex.Message);
    }

    [Fact]
    public async Task A_store_that_lost_its_last_events_is_refused()
    {
        await CreateStoreAsync(6);
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dm_events WHERE sequence > 4";
            await delete.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains("ends at event 4", ex.Message);
        Assert.Contains("events 5–6 are lost", ex.Message);
    }

    [Fact]
    public async Task A_store_of_version_1_gets_checksums_on_first_open_and_verifies()
    {
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = string.Join(";", DispatchSchema.Version1Ddl) + $$"""
                ;CREATE TABLE dm_schema_version (version INTEGER NOT NULL, applied_at_utc_ticks BIGINT NOT NULL);
                INSERT INTO dm_schema_version VALUES (1, 0);
                PRAGMA application_id = {{DispatchSchema.SqliteApplicationId}};
                INSERT INTO dm_events VALUES (1, 'A', 's/1', 0, 0, '{}'), (2, 'B', 's/1', 0, 60, '{"x":1}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        await using var store = await StoreGuard.OpenAsync(Settings());

        Assert.False(store.Identity.Created);
        var report = await StoreVerifier.VerifyAsync(store);
        Assert.Equal(2, report.Events);
        var appended = await store.AppendAsync([Event(3)], null, CancellationToken.None);
        Assert.Equal(3, appended.Appended[0].Sequence);
        Assert.Equal(3, (await StoreVerifier.VerifyAsync(store)).Events);
    }

    [Fact]
    public async Task A_store_of_version_1_with_a_gap_is_refused_at_migration()
    {
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = string.Join(";", DispatchSchema.Version1Ddl) + $$"""
                ;CREATE TABLE dm_schema_version (version INTEGER NOT NULL, applied_at_utc_ticks BIGINT NOT NULL);
                INSERT INTO dm_schema_version VALUES (1, 0);
                PRAGMA application_id = {{DispatchSchema.SqliteApplicationId}};
                INSERT INTO dm_events VALUES (1, 'A', 's/1', 0, 0, '{}'), (3, 'B', 's/1', 0, 0, '{}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Equal(2, ex.Sequence);
        Assert.Equal(StoreDamage.Gap, ex.Damage);
    }

    [Fact]
    public async Task Verify_names_a_deleted_row_and_an_altered_payload()
    {
        await CreateStoreAsync(5);
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE dm_events SET payload = '{\"i\":9}' WHERE sequence = 2";
            await damage.ExecuteNonQueryAsync();
        }
        await using (var store = await StoreGuard.OpenAsync(Settings()))
        {
            var altered = await Assert.ThrowsAsync<StoreIntegrityException>(() => StoreVerifier.VerifyAsync(store));
            Assert.Equal((2, StoreDamage.ChecksumMismatch), (altered.Sequence, altered.Damage));
        }

        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dm_events WHERE sequence IN (1, 2)";
            await delete.ExecuteNonQueryAsync();
        }
        await using (var store = await StoreGuard.OpenAsync(Settings()))
        {
            var gap = await Assert.ThrowsAsync<StoreIntegrityException>(() => StoreVerifier.VerifyAsync(store));
            Assert.Equal((1, StoreDamage.Gap), (gap.Sequence, gap.Damage));
            Assert.Contains("events 1–2 are missing", gap.Message);
        }
    }

    [Fact]
    public async Task A_checkpoint_puts_every_commit_into_the_database_file_itself()
    {
        // After kill -9 the commits are safe in the WAL, but a copy of the database file alone (a naive backup) lacked them.
        await using var store = await StoreGuard.OpenAsync(Settings());
        for (int i = 1; i <= 20; i++) await store.AppendAsync([Event(i)], null, CancellationToken.None);

        await store.CheckpointAsync(truncate: false, CancellationToken.None);

        var copy = _dir.File("copy.db");
        File.Copy(DbPath, copy);
        await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dm_events";
        Assert.Equal(20L, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_key_file_written_by_this_process_does_not_block_the_first_start()
    {
        // Whatever order the host starts its parts in, a key created during this start is no sign of an earlier store.
        await File.WriteAllTextAsync(_dir.File("jwt-signing.key"), "key");

        await using var store = await StoreGuard.OpenAsync(Settings());

        Assert.True(store.Identity.Created);
    }
}
