using System.Diagnostics;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Npgsql;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary><c>dm store backup --postgres</c>: pg_dump of a verified store, in its own schema (dropped afterwards).</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresBackupTests : IAsyncLifetime
{
    private readonly string _schema = "dm_test_" + Guid.NewGuid().ToString("N")[..16];
    private readonly TempDirectory _dir = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _dir.Dispose();
        if (PostgresFactAttribute.ConnectionString is not { } connectionString) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> StoreWithEventsAsync(params string[] payloads)
    {
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        await using var store = await PostgresDispatchStore.OpenAsync(connectionString, _schema);
        var at = new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);
        await store.AppendAsync(payloads.Select(p => new StoredEvent(0, "VehicleRegistered", "vehicle/bus", at, p)).ToList(), null, default);
        return connectionString;
    }

    [PostgresFact(Timeout = 60_000)]
    public async Task Backup_dumps_every_event_of_a_verified_store()
    {
        var connectionString = await StoreWithEventsAsync("{\"marker\":\"first-7f3a\"}", "{\"marker\":\"second-7f3a\"}");
        var file = _dir.File("store.dump");

        var copy = await PostgresBackup.BackupAsync(connectionString, _schema, file);

        Assert.Equal(2, copy.Verification.Events);
        Assert.True(copy.Bytes > 0);
        // The dump's data, as pg_restore prints it: both events are in it.
        var start = new ProcessStartInfo("pg_restore") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--data-only", "--file=-", file }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string sql = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("first-7f3a", sql);
        Assert.Contains("second-7f3a", sql);
    }

    [PostgresFact(Timeout = 60_000)]
    public async Task A_damaged_store_is_not_dumped()
    {
        var connectionString = await StoreWithEventsAsync("{\"a\":1}", "{\"a\":2}");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE {_schema}.dm_events SET payload = '{{\"a\":3}}' WHERE sequence = 2", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
        var file = _dir.File("damaged.dump");

        var ex = await Assert.ThrowsAsync<StoreIntegrityException>(() => PostgresBackup.BackupAsync(connectionString, _schema, file));

        Assert.Equal(2, ex.Sequence);
        Assert.False(File.Exists(file));
    }

    [PostgresFact(Timeout = 60_000)]
    public async Task An_existing_file_is_never_overwritten()
    {
        var connectionString = await StoreWithEventsAsync("{\"a\":1}");
        var file = _dir.File("taken.dump");
        await File.WriteAllTextAsync(file, "keep me");

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => PostgresBackup.BackupAsync(connectionString, _schema, file));

        Assert.Contains("exists already", ex.Message);
        Assert.Equal("keep me", await File.ReadAllTextAsync(file));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_missing_pg_dump_is_named()
    {
        var missing = _dir.File("no-such-pg_dump");
        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() =>
            PostgresBackup.BackupAsync("Host=127.0.0.1;Database=none;Username=none", "public", _dir.File("x.dump"), missing));
        Assert.Contains("pg_dump was not found", ex.Message);
        Assert.Contains(missing, ex.Message);
    }
}
