using System.CommandLine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Microsoft.Data.Sqlite;
using Xunit;

namespace DemandMobility.Cli.Tests.Store;

/// <summary><c>dm store backup | verify | restore</c> on a real SQLite store whose commits still sit in the WAL.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dm-store-cli-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DataDir => Path.Combine(_dir, "data");

    private string DbPath => Path.Combine(DataDir, "dispatch.db");

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var c in StoreCommands.Create()) root.Subcommands.Add(c);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A running store with <paramref name="events"/> events, none checkpointed: the database file alone lacks them.</summary>
    private async Task<IDurableDispatchStore> RunningStoreAsync(int events)
    {
        var store = await StoreGuard.OpenAsync(new StoreSettings(DataDir, DbPath));
        for (int i = 1; i <= events; i++)
            await store.AppendAsync([new StoredEvent(0, "BookingConfirmed", $"booking/{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), $"{{\"n\":{i}}}")],
                null, CancellationToken.None);
        return store;
    }

    [Fact(Timeout = 30_000)]
    public async Task Postgres_backup_of_an_unreachable_server_fails_in_one_line_and_writes_nothing()
    {
        var backup = Path.Combine(_dir, "pg.dump");

        var (exit, _, error) = await RunAsync("store", "backup", "--postgres", "Host=127.0.0.1;Port=9;Database=dm;Username=dm;Timeout=3", "--out", backup);

        Assert.Equal(1, exit);
        // Without pg_dump installed the message says so; with it, the unreachable server is named.
        Assert.True(error.Contains("pg_dump was not found", StringComparison.Ordinal) || error.Contains("127.0.0.1", StringComparison.Ordinal), error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(backup));
    }

    [Fact]
    public async Task Backup_of_a_running_store_holds_the_commits_still_in_the_wal_and_verifies()
    {
        await using var store = await RunningStoreAsync(56);
        Assert.True(new FileInfo(DbPath + "-wal").Length > 0, "the commits should still be in the WAL");
        var backup = Path.Combine(_dir, "backup.db");

        var (exit, output, error) = await RunAsync("store", "backup", "--data-dir", DataDir, "--out", backup);

        Assert.True(exit == 0, error);
        Assert.Contains("56 events in an unbroken chain", output);
        Assert.False(File.Exists(backup + "-wal"));
        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var count = copy.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dm_events";
        Assert.Equal(56L, (long)(await count.ExecuteScalarAsync())!);

        var again = await RunAsync("store", "backup", "--data-dir", DataDir, "--out", backup);
        Assert.Equal(1, again.Exit);
        Assert.Contains("already exists", again.Error);
    }

    [Fact]
    public async Task Verify_reports_a_deleted_row_by_its_sequence()
    {
        await (await RunningStoreAsync(5)).DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dm_events WHERE sequence = 2";
            await delete.ExecuteNonQueryAsync();
        }

        var (exit, _, error) = await RunAsync("store", "verify", "--data-dir", DataDir);

        Assert.Equal(1, exit);
        Assert.Contains("event 2 is missing", error);
    }

    [Fact]
    public async Task Restore_puts_a_verified_backup_in_place_of_a_truncated_database_and_the_store_opens_again()
    {
        var backup = Path.Combine(_dir, "backup.db");
        await using (var store = await RunningStoreAsync(12))
            Assert.Equal(0, (await RunAsync("store", "backup", "--data-dir", DataDir, "--out", backup)).Exit);
        await File.WriteAllBytesAsync(DbPath, []);
        File.Delete(DbPath + "-wal");
        await Assert.ThrowsAsync<DispatchStoreException>(() => StoreGuard.OpenAsync(new StoreSettings(DataDir, DbPath)));

        var (exit, output, error) = await RunAsync("store", "restore", "--data-dir", DataDir, "--from", backup);

        Assert.True(exit == 0, error);
        Assert.Contains("moved to", output);
        await using var restored = await StoreGuard.OpenAsync(new StoreSettings(DataDir, DbPath));
        Assert.Equal(12, restored.Identity.LastSequence);
        Assert.Equal(12, (await StoreVerifier.VerifyAsync(restored)).Events);
    }

    [Fact]
    public async Task A_missing_data_folder_is_a_usage_error()
    {
        var saved = Environment.GetEnvironmentVariable("DM_DataDirectory");
        Environment.SetEnvironmentVariable("DM_DataDirectory", null);
        try
        {
            var (exit, _, error) = await RunAsync("store", "verify");
            Assert.Equal(2, exit);
            Assert.Contains("--data-dir", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DM_DataDirectory", saved);
        }
    }

    [Fact]
    public async Task Verify_of_a_data_folder_without_a_store_names_the_missing_file()
    {
        var (exit, _, error) = await RunAsync("store", "verify", "--data-dir", DataDir);

        Assert.Equal(1, exit);
        Assert.Contains("There is no dispatch store at", error);
        Assert.Contains(DbPath, error);
    }
}
