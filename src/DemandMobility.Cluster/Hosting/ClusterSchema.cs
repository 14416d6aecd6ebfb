using Npgsql;

namespace DemandMobility.Cluster.Hosting;

/// <summary>
/// Creates or updates the Orleans membership and reminder tables and statements in PostgreSQL
/// (<c>Sql/orleans-postgresql.sql</c>, also copied beside the binaries as <c>sql/orleans-postgresql.sql</c> for
/// applying by hand). Idempotent; run by every silo at start, serialised by an advisory lock so three silos
/// starting together do not race on the DDL.
/// </summary>
public static class ClusterSchema
{
    // Arbitrary constant: the advisory lock held while the script runs.
    private const long SchemaLockKey = 0x446D_436C_7573_7472; // "DmClustr"

    /// <summary>The script's text.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Applies the script to the database of <paramref name="connectionString"/>.</summary>
    /// <exception cref="InvalidOperationException">The database is unreachable or refused the script (the message names it).</exception>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
            {
                lockCommand.Parameters.AddWithValue("key", SchemaLockKey);
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await using (var script = new NpgsqlCommand(Script, connection, tx))
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            throw new InvalidOperationException(
                $"Could not create the Orleans cluster tables in postgres://{parsed.Host}:{parsed.Port}/{parsed.Database}: {ex.Message}", ex);
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("orleans-postgresql.sql")
                           ?? throw new InvalidOperationException("The embedded Orleans PostgreSQL script is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
