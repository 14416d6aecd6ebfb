using System.CommandLine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;

namespace DemandMobility.Cli;

/// <summary>
/// The <c>store</c> verbs: <c>backup</c> (SQLite online backup, then verified), <c>verify</c> (integrity check and the
/// whole event chain) and <c>restore</c> (verify a backup, set the current database aside, put the backup in place).
/// </summary>
internal static class StoreCommands
{
    /// <summary>The SQLite file name inside the data folder (the server's <c>Storage:SqliteFileName</c> default).</summary>
    private const string DefaultDatabaseFile = "dispatch.db";

    public static IEnumerable<Command> Create()
    {
        var store = new Command("store", "Back up (SQLite or PostgreSQL), verify and restore (SQLite) the dispatcher's store");
        store.Subcommands.Add(Backup());
        store.Subcommands.Add(Verify());
        store.Subcommands.Add(Restore());
        yield return store;
    }

    private static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "the server's data folder (default: DM_DataDirectory)",
    };

    private static Option<string> DatabaseFile() => new("--db-file")
    {
        Description = "database file name in the data folder (Storage:SqliteFileName)",
        DefaultValueFactory = _ => DefaultDatabaseFile,
    };

    private static Command Backup()
    {
        var dataDir = DataDir();
        var file = DatabaseFile();
        var output = new Option<string>("--out") { Description = "the backup file to write (must not exist)", Required = true };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "back up the PostgreSQL store with this connection string (Storage:PostgresConnectionString) using pg_dump",
        };
        var schema = new Option<string>("--schema") { Description = "the PostgreSQL store's schema", DefaultValueFactory = _ => "public" };
        var command = new Command("backup",
            "Copy the store (SQLite: online backup API; PostgreSQL: pg_dump) while the server may keep running, and verify it")
        {
            dataDir, file, output, postgres, schema,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var copy = parse.GetValue(postgres) is { Length: > 0 } connectionString
                ? await PostgresBackup.BackupAsync(connectionString, parse.GetValue(schema)!, parse.GetValue(output)!, cancellationToken: ct)
                : await StoreBackup.BackupAsync(DatabasePath(parse.GetValue(dataDir), parse.GetValue(file)!), parse.GetValue(output)!, ct);
            parse.InvocationConfiguration.Output.WriteLine(
                $"backup written to {copy.File} ({copy.Bytes:N0} bytes): integrity ok, {Describe(copy.Verification)}");
        }));
        return command;
    }

    private static Command Verify()
    {
        var dataDir = DataDir();
        var file = DatabaseFile();
        var path = new Option<string?>("--file") { Description = "verify this database or backup file instead of the data folder's store" };
        var command = new Command("verify", "Check a store or backup: SQLite integrity check, every event's checksum and sequence, the snapshots")
        {
            dataDir, file, path,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var target = parse.GetValue(path) ?? DatabasePath(parse.GetValue(dataDir), parse.GetValue(file)!);
            var result = await StoreBackup.VerifyFileAsync(target, ct);
            parse.InvocationConfiguration.Output.WriteLine($"{Path.GetFullPath(target)}: integrity ok, {Describe(result)}");
        }));
        return command;
    }

    private static Command Restore()
    {
        var dataDir = DataDir();
        var file = DatabaseFile();
        var from = new Option<string>("--from") { Description = "the backup file", Required = true };
        var command = new Command("restore", "Verify a backup, move the current database aside and put the backup in its place (stop the server first)")
        {
            dataDir, file, from,
        };
        command.SetAction((parse, ct) => RunAsync(parse, async () =>
        {
            var directory = RequireDataDir(parse.GetValue(dataDir));
            var copy = await StoreBackup.RestoreAsync(parse.GetValue(from)!, directory, parse.GetValue(file)!, ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"restored {copy.File} from {Path.GetFullPath(parse.GetValue(from)!)}: {Describe(copy.Verification)}");
            if (copy.SetAside is { } aside) output.WriteLine($"the replaced database was moved to {aside}");
        }));
        return command;
    }

    private static string Describe(StoreVerification v) =>
        $"{v.Events:N0} events in an unbroken chain (last checksum {v.LastChecksum[..Math.Min(16, v.LastChecksum.Length)]}…), " +
        $"{v.Snapshots} usable snapshot(s)" + (v.DamagedSnapshots > 0 ? $", {v.DamagedSnapshots} unusable (a restart replays further back)" : "");

    private static string RequireDataDir(string? given)
    {
        var value = string.IsNullOrWhiteSpace(given) ? Environment.GetEnvironmentVariable("DM_DataDirectory") : given;
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException("Give the server's data folder with --data-dir (or set DM_DataDirectory).");
        return Path.GetFullPath(value);
    }

    private static string DatabasePath(string? dataDir, string file) => Path.Combine(RequireDataDir(dataDir), file);

    /// <summary>Runs a verb: operator errors print one line and exit 1 (damage) or 2 (usage).</summary>
    private static async Task<int> RunAsync(ParseResult parse, Func<Task> action)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            await action();
            return 0;
        }
        catch (Exception ex) when (ex is DispatchStoreException or StoreIntegrityException)
        {
            error.WriteLine(ex.Message);
            return 1;
        }
        catch (ArgumentException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
    }
}
