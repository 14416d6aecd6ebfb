using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>
/// The real host over a damaged or lost store refuses to start with one clear message (no fresh install, no
/// "UNKNOWN" on every later quote); a clean shutdown leaves a complete database file and a snapshot.
/// </summary>
public sealed class StoreStartupTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("dispatch.db");

    public void Dispose() => _dir.Dispose();

    private string[] Args(params string[] extra) =>
        ["--urls", "http://127.0.0.1:0", "--DataDirectory", _dir.Path, "--Routing:GraphFile", SharedRoadGraph.GraphPath,
            "--Routing:PbfPath", SharedRoadGraph.PbfPath, "--Logging:LogLevel:Default", "None", .. extra];

    /// <summary>Starts and stops the host cleanly; returns how the engine was restored.</summary>
    private async Task<ReplayReport> RunOnceAsync(params string[] extra)
    {
        await using var app = DispatchServerHost.Create(Args(extra));
        await app.StartAsync();
        var report = app.Services.GetRequiredService<DispatchEngine>().Replay;
        await app.StopAsync();
        return report;
    }

    private async Task<string> StartFailureAsync()
    {
        var error = await Record.ExceptionAsync(() => RunOnceAsync());
        Assert.NotNull(error);
        return StartupFailure.Describe(error) ?? throw new Xunit.Sdk.XunitException($"Unexpected start-up failure: {error}");
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM dm_events";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_truncated_database_stops_the_start_instead_of_a_fresh_install()
    {
        await RunOnceAsync();
        Assert.True(await EventCountAsync() > 0, "the default fleet should have been registered");
        await File.WriteAllBytesAsync(DbPath, []);

        var message = await StartFailureAsync();

        Assert.Contains(DbPath, message);
        Assert.Contains("--Storage:CreateNew=true", message);
        Assert.Equal(0, new FileInfo(DbPath).Length);

        // Asked for explicitly, a new store starts.
        var fresh = await RunOnceAsync("--Storage:CreateNew", "true");
        Assert.Equal(0, fresh.SnapshotSequence);
    }

    [Fact]
    public async Task A_deleted_event_row_stops_the_start_naming_its_sequence()
    {
        await RunOnceAsync("--Storage:SnapshotEveryEvents", "0");
        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dm_events WHERE sequence = 3";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        var message = await StartFailureAsync();

        Assert.Contains("event 3 is missing", message);
    }

    [Fact]
    public async Task A_clean_shutdown_leaves_a_complete_file_and_a_snapshot_so_the_next_start_replays_nothing()
    {
        await RunOnceAsync();
        long events = await EventCountAsync();

        Assert.False(new FileInfo(DbPath + "-wal") is { Exists: true, Length: > 0 }, "the WAL was not checkpointed on shutdown");
        Assert.Equal(events, StoreMarker.Read(_dir.Path)!.LastSequence);

        var second = await RunOnceAsync();
        Assert.Equal(events, second.SnapshotSequence);
        Assert.Equal(0, second.EventsReplayed);
    }
}
