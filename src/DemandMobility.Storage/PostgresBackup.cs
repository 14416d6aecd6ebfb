using System.Diagnostics;
using Npgsql;

namespace DemandMobility.Storage;

/// <summary>
/// Backs up the PostgreSQL store with <c>pg_dump</c> (custom format, one consistent snapshot of the store's schema while
/// the server keeps running). The event chain is verified in the database first, so a damaged store is not dumped as if
/// it were good; the dump is then checked by listing it with <c>pg_restore --list</c>. Restore it with
/// <c>pg_restore --dbname … FILE</c> into an empty database; the server verifies the whole chain at its next start.
/// </summary>
public static class PostgresBackup
{
    /// <summary>
    /// Verifies the store in <paramref name="schema"/> and dumps it to <paramref name="outFile"/> (which must not exist).
    /// </summary>
    /// <param name="connectionString">The Npgsql connection string of the server's store (<c>Storage:PostgresConnectionString</c>).</param>
    /// <param name="schema">The store's schema.</param>
    /// <param name="outFile">The dump file to write.</param>
    /// <param name="pgDump">The <c>pg_dump</c> program; found on PATH when null.</param>
    /// <param name="cancellationToken">Cancels the verification and the dump.</param>
    /// <exception cref="DispatchStoreException">pg_dump is not installed, the target exists, the store is missing or damaged, or pg_dump fails (its message is quoted).</exception>
    public static async Task<StoreCopy> BackupAsync(string connectionString, string schema, string outFile, string? pgDump = null,
        CancellationToken cancellationToken = default)
    {
        string dump = pgDump ?? FindOnPath("pg_dump")
            ?? throw new DispatchStoreException(
                "pg_dump was not found on PATH: install the PostgreSQL client tools (e.g. apt-get install postgresql-client) " +
                "or back up the database with your own PostgreSQL tooling (pg_dump, pg_basebackup).");
        if (!File.Exists(dump)) throw new DispatchStoreException($"pg_dump was not found at {dump}.");
        string target = Path.GetFullPath(outFile);
        if (File.Exists(target)) throw new DispatchStoreException($"{target} exists already; a backup never overwrites a file.");

        StoreVerification verification;
        await using (var store = await PostgresDispatchStore.OpenAsync(connectionString, schema,
            refuseCreation: "a backup reads an existing store", cancellationToken: cancellationToken).ConfigureAwait(false))
            verification = await StoreVerifier.VerifyAsync(store, cancellationToken).ConfigureAwait(false);

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(dump)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--format=custom", "--no-owner", "--schema=" + schema, "--file=" + target }) start.ArgumentList.Add(a);
        // Through libpq's environment, so the password never appears on a command line.
        start.Environment["PGHOST"] = settings.Host ?? "localhost";
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = settings.Database ?? "";
        start.Environment["PGUSER"] = settings.Username ?? "";
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        try
        {
            await RunAsync(start, "pg_dump", target, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(target); // a partial dump must not pass for a backup
            throw;
        }

        var list = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(dump)!, "pg_restore"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (File.Exists(list.FileName))
        {
            list.ArgumentList.Add("--list");
            list.ArgumentList.Add(target);
            string contents = await RunAsync(list, "pg_restore --list", target, cancellationToken).ConfigureAwait(false);
            if (!contents.Contains("TABLE DATA " + schema + " dm_events", StringComparison.Ordinal))
                throw new DispatchStoreException($"The dump {target} holds no data of {schema}.dm_events; it is not a backup of the store.");
        }
        return new StoreCopy(target, new FileInfo(target).Length, verification);
    }

    private static async Task<string> RunAsync(ProcessStartInfo start, string what, string target, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new DispatchStoreException($"{what} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string message = (await error.ConfigureAwait(false)).Trim();
            throw new DispatchStoreException($"{what} failed for {target} (exit code {process.ExitCode}): {message}");
        }
        return await output.ConfigureAwait(false);
    }

    private static string? FindOnPath(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
