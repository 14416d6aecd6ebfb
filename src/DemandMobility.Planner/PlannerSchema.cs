using System.Text.RegularExpressions;
using Npgsql;

namespace DemandMobility.Planner;

/// <summary>
/// Creates or updates the planner job tables (<c>Sql/planner-postgresql.sql</c>, also copied beside the binaries as
/// <c>sql/planner-postgresql.sql</c> for applying by hand with <c>psql -v schema=…</c>). Idempotent; run by every node at
/// start under an advisory lock, so nodes starting together do not race on the DDL.
/// </summary>
public static partial class PlannerSchema
{
    // Arbitrary constant: the advisory lock held while the script runs.
    private const long SchemaLockKey = 0x446D_506C_616E_6E72; // "DmPlannr"

    /// <summary>The script's text with the psql variable <c>:"schema"</c> in place of the schema.</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>The script for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">Not a plain lower-case identifier.</exception>
    public static string ScriptFor(string schema) => Script.Replace(":\"schema\"", "\"" + Check(schema) + "\"", StringComparison.Ordinal);

    /// <summary>Checks a schema name (it is put into SQL text).</summary>
    public static string Check(string schema) =>
        schema is not null && SchemaPattern().IsMatch(schema) ? schema
            : throw new ArgumentException($"'{schema}' is not a planner schema name (1-63 of a-z, 0-9, '_', starting with a letter or '_').", nameof(schema));

    /// <summary>Applies the script in <paramref name="schema"/>.</summary>
    /// <exception cref="InvalidOperationException">The database is unreachable or refused the script (the message names it).</exception>
    public static void Apply(NpgsqlDataSource dataSource, string schema)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        string script = ScriptFor(schema);
        try
        {
            using var connection = dataSource.OpenConnection();
            using var tx = connection.BeginTransaction();
            using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
            {
                lockCommand.Parameters.AddWithValue("key", SchemaLockKey);
                lockCommand.ExecuteNonQuery();
            }
            using (var command = new NpgsqlCommand(script, connection, tx)) command.ExecuteNonQuery();
            tx.Commit();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            var parsed = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new InvalidOperationException(
                $"Could not create the planner job tables in postgres://{parsed.Host}:{parsed.Port}/{parsed.Database} (schema {schema}): {ex.Message}", ex);
        }
    }

    private static string ReadScript()
    {
        using var stream = typeof(PlannerSchema).Assembly.GetManifestResourceStream("planner-postgresql.sql")
                           ?? throw new InvalidOperationException("The embedded planner PostgreSQL script is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaPattern();
}
