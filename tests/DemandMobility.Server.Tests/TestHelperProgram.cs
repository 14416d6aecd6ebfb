using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;

namespace DemandMobility.Server.Tests;

/// <summary>
/// Entry point used only when a test runs this assembly as a child process (<c>dotnet DemandMobility.Server.Tests.dll …</c>),
/// e.g. to be killed with SIGKILL right after an append returned. The test host never calls it.
/// </summary>
public static class TestHelperProgram
{
    public const string AppendForeverVerb = "sqlite-append-forever";
    public const string BenchVerb = "store-bench";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 2 && args[0] == AppendForeverVerb)
        {
            await AppendForeverAsync(args[1]);
            return 0;
        }

        if (args.Length == 4 && args[0] == BenchVerb && int.TryParse(args[3], out var count) && count > 0)
        {
            var schema = "dm_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (IDispatchStore store = args[1] switch
            {
                "sqlite" => await SqliteDispatchStore.OpenAsync(args[2]),
                "postgres" => await PostgresDispatchStore.OpenAsync(args[2], schema),
                _ => throw new ArgumentException($"unknown store '{args[1]}' (sqlite|postgres)"),
            })
            {
                await StoreBenchmark.RunAsync(store, count, Console.Out);
            }

            if (args[1] == "postgres")
            {
                // The benchmark's schema is scratch data: drop it so repeated runs leave nothing behind.
                await using var connection = new Npgsql.NpgsqlConnection(args[2]);
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }

            return 0;
        }

        await Console.Error.WriteLineAsync($"usage: {AppendForeverVerb} <database file>");
        await Console.Error.WriteLineAsync($"       {BenchVerb} sqlite <database file> <appends> | {BenchVerb} postgres <connection string> <appends>");
        return 2;
    }

    /// <summary>Appends one event with an idempotency record at a time and reports each sequence once the append returned.</summary>
    private static async Task AppendForeverAsync(string path)
    {
        await using var store = await SqliteDispatchStore.OpenAsync(path);
        var stdout = Console.Out;
        for (var i = 1; ; i++)
        {
            var result = await store.AppendAsync(
                [new StoredEvent(0, "CrashProbe", $"probe/{i}", DateTimeOffset.UtcNow, $"{{\"i\":{i}}}")],
                new IdempotencyRecord("crash", $"key-{i}", $"hash-{i}", $"result-{i}"),
                CancellationToken.None);
            await stdout.WriteLineAsync(result.Appended[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await stdout.FlushAsync();
        }
    }
}
