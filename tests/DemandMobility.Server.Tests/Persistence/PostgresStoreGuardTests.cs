using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Npgsql;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>
/// The store guard on PostgreSQL: the database has our schema but lost its events, or was dropped, or is another
/// store, while the data folder's marker says otherwise.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresStoreGuardTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly string _schema = "dm_test_" + Guid.NewGuid().ToString("N")[..16];

    private StoreSettings Settings(bool createNew = false) =>
        new(_dir.Path, null, PostgresFactAttribute.RequireConnectionString(), _schema, createNew);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _dir.Dispose();
        if (PostgresFactAttribute.ConnectionString is null) return;
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresFactAttribute.RequireConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task CreateStoreAsync(int events)
    {
        await using var store = await StoreGuard.OpenAsync(Settings());
        for (int i = 1; i <= events; i++)
            await store.AppendAsync([new StoredEvent(0, "E", $"s/{i}", DateTimeOffset.UnixEpoch, "{}")], null, CancellationToken.None);
        StoreGuard.Touch(_dir.Path, store, await store.LastSequenceAsync(CancellationToken.None));
    }

    [PostgresFact]
    public async Task Emptied_event_table_is_refused()
    {
        await CreateStoreAsync(5);
        await ExecuteAsync($"TRUNCATE {_schema}.dm_events");

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains(_schema, ex.Message);
        Assert.Contains("ends at event 0", ex.Message);
    }

    [PostgresFact]
    public async Task Dropped_schema_is_refused_and_not_recreated_unless_asked()
    {
        await CreateStoreAsync(2);
        await ExecuteAsync($"DROP SCHEMA {_schema} CASCADE");

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));
        Assert.Contains("holds no DemandMobility tables", ex.Message);
        Assert.Contains("CreateNew", ex.Message);

        await using var fresh = await StoreGuard.OpenAsync(Settings(createNew: true));
        Assert.True(fresh.Identity.Created);
    }

    [PostgresFact]
    public async Task Another_store_in_the_schema_is_refused()
    {
        await CreateStoreAsync(1);
        await ExecuteAsync($"UPDATE {_schema}.dm_store SET store_id = 'someone-else'");

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(Settings()));

        Assert.Contains("someone-else", ex.Message);
    }

    [PostgresFact]
    public async Task A_deleted_row_is_found_by_verify()
    {
        await CreateStoreAsync(4);
        await ExecuteAsync($"DELETE FROM {_schema}.dm_events WHERE sequence = 2");

        await using var store = await StoreGuard.OpenAsync(Settings());
        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(() => StoreVerifier.VerifyAsync(store));

        Assert.Equal((2, StoreDamage.Gap), (ex.Sequence, ex.Damage));
    }
}
