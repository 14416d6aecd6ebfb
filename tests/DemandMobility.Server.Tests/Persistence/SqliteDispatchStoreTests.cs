using System.Diagnostics;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;
using Microsoft.Data.Sqlite;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>The store contract on SQLite, plus file-level behaviour: foreign files, WAL, kill -9.</summary>
public sealed class SqliteDispatchStoreTests : DispatchStoreContractTests, IDisposable
{
    private readonly TempDirectory _dir = new();

    private string DbPath => _dir.File("dispatch.db");

    protected override string LocationName => DbPath;

    protected override async Task<IDispatchStore> OpenStoreAsync() => await SqliteDispatchStore.OpenAsync(DbPath);

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE dm_schema_version SET version = {version}";
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Open_TextFile_FailsNamingTheFile_AndLeavesItUnchanged()
    {
        var bytes = "routing graph v1\nnot a database at all\n"u8.ToArray();
        await File.WriteAllBytesAsync(DbPath, bytes);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => SqliteDispatchStore.OpenAsync(DbPath));

        Assert.Contains(DbPath, ex.Message);
        Assert.Contains("not a DemandMobility database", ex.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DbPath));
        Assert.Equal(["dispatch.db"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Open_SqliteFileOfAnotherApplication_FailsNamingTheFile_AndLeavesItUnchanged()
    {
        await using (var foreign = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            await foreign.OpenAsync();
            await using var command = foreign.CreateCommand();
            command.CommandText = "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(DbPath);
        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => SqliteDispatchStore.OpenAsync(DbPath));

        Assert.Contains(DbPath, ex.Message);
        Assert.Contains("another application", ex.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(DbPath));
    }

    [Fact]
    public async Task Open_TruncatedSqliteHeader_FailsClearly()
    {
        var bytes = "SQLite format 3\0"u8.ToArray().Concat(new byte[40]).ToArray();
        await File.WriteAllBytesAsync(DbPath, bytes);

        var ex = await Assert.ThrowsAsync<DispatchStoreException>(() => SqliteDispatchStore.OpenAsync(DbPath));

        Assert.Contains(DbPath, ex.Message);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(DbPath));
    }

    [Fact]
    public async Task Open_CreatesWalDatabase_WithSchemaVersionTable()
    {
        await (await SqliteDispatchStore.OpenAsync(DbPath)).DisposeAsync();

        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT MAX(version) FROM dm_schema_version";
        Assert.Equal(2L, (long?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TwoStoresOnOneFile_AppendConcurrently_SequencesStayDense()
    {
        // Two instances behave like two processes: only BEGIN IMMEDIATE + busy timeout serialise them.
        await using var a = await SqliteDispatchStore.OpenAsync(DbPath);
        await using var b = await SqliteDispatchStore.OpenAsync(DbPath);
        async Task Write(IDispatchStore store, string name)
        {
            for (var i = 0; i < 40; i++)
                await store.AppendAsync([Event("E", $"{name}/{i}", "{}"), Event("F", $"{name}/{i}", "{}")], null, CancellationToken.None);
        }

        await Task.WhenAll(Task.Run(() => Write(a, "a")), Task.Run(() => Write(b, "b")));

        var all = await ReadAllAsync(a);
        Assert.Equal(Enumerable.Range(1, 160).Select(i => (long)i), all.Select(e => e.Sequence));
        for (var i = 0; i < all.Count; i += 2) Assert.Equal(all[i].StreamId, all[i + 1].StreamId);
    }

    [Fact]
    public async Task KillDash9_RightAfterAppendsReturned_EveryReportedAppendSurvives()
    {
        var helper = typeof(TestHelperProgram).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(helper);
        start.ArgumentList.Add(TestHelperProgram.AppendForeverVerb);
        start.ArgumentList.Add(DbPath);

        long lastReported = 0;
        using (var child = Process.Start(start)!)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                // Kill at a random moment after at least 25 confirmed appends: the child is mid-append then.
                var killAfter = 25 + Random.Shared.Next(20);
                while (lastReported < killAfter)
                {
                    var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                    if (line is null)
                    {
                        var stderr = await child.StandardError.ReadToEndAsync(timeout.Token);
                        Assert.Fail($"helper exited early (code {(child.HasExited ? child.ExitCode : -1)}): {stderr}");
                    }

                    lastReported = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            finally
            {
                child.Kill(entireProcessTree: true); // SIGKILL on Unix: no finalisers, no checkpoint, no close.
                await child.WaitForExitAsync(CancellationToken.None);
            }
        }

        await using var store = await SqliteDispatchStore.OpenAsync(DbPath);
        var all = await ReadAllAsync(store);
        Assert.True(all.Count >= lastReported, $"{all.Count} events survived but {lastReported} appends had returned");
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        for (var i = 1; i <= lastReported; i++)
        {
            Assert.Equal($"result-{i}", (await store.FindIdempotencyAsync("crash", $"key-{i}", CancellationToken.None))?.Result);
        }

        // The store still accepts appends after recovery.
        var next = await store.AppendAsync([Event("AfterCrash", "s", "{}")], null, CancellationToken.None);
        Assert.Equal(all.Count + 1, Assert.Single(next.Appended).Sequence);
    }
}
