using System.Text.RegularExpressions;
using DemandMobility.Dispatch.Learning;
using Npgsql;

namespace DemandMobility.Cluster.Learning;

/// <summary>
/// A service area's learned travel-time evidence in its own PostgreSQL schema (table <c>learned_travel_times</c>, one
/// row), so an area re-activated on another silo plans with what it learned before. The row holds the same bytes as
/// the single-process file (<see cref="LearnedTimesFile.ToBytes"/>: format version, road-graph fingerprint, checksum),
/// so evidence of another graph or a damaged row is rejected whole and learning starts empty. Each save replaces the
/// row in one statement (all or nothing). The table is created on first use; it is not one of the event store's
/// <c>dm_</c> tables, whose presence marks a schema as a dispatch store.
/// </summary>
public sealed partial class PostgresLearnedTimesStore : ILearnedTimesStore
{
    private readonly string _connectionString;
    private readonly string _schema;
    private bool _tableReady;

    /// <summary>The store of the evidence in <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">The schema name is not a plain lower-case identifier.</exception>
    public PostgresLearnedTimesStore(string connectionString, string schema)
    {
        if (!SchemaName().IsMatch(schema))
            throw new ArgumentException($"Schema name '{schema}' must match [a-z_][a-z0-9_]{{0,62}}.", nameof(schema));
        _connectionString = connectionString;
        _schema = schema;
    }

    /// <summary>Where the evidence lives, as named in messages.</summary>
    public string Source => $"PostgreSQL table {_schema}.learned_travel_times";

    /// <inheritdoc />
    public LearnedTimesLoad Load(LearnedTravelTimes learned)
    {
        byte[]? bytes;
        try
        {
            using var connection = Open();
            using var read = new NpgsqlCommand($"SELECT body FROM {_schema}.learned_travel_times WHERE id = 1", connection);
            bytes = read.ExecuteScalar() as byte[];
        }
        catch (NpgsqlException e)
        {
            return new LearnedTimesLoad(LearnedTimesStatus.Rejected, $"{Source}: cannot be read: {e.Message}", 0);
        }
        return bytes is null ? new LearnedTimesLoad(LearnedTimesStatus.Missing, "", 0) : LearnedTimesFile.FromBytes(bytes, Source, learned);
    }

    /// <inheritdoc />
    public void Save(LearnedTravelTimes learned)
    {
        var bytes = LearnedTimesFile.ToBytes(learned);
        using var connection = Open();
        using var write = new NpgsqlCommand(
            $"INSERT INTO {_schema}.learned_travel_times (id, body, saved_at) VALUES (1, @body, now()) " +
            "ON CONFLICT (id) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at", connection);
        write.Parameters.AddWithValue("body", bytes);
        write.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        if (!_tableReady)
        {
            using var create = new NpgsqlCommand(
                $"CREATE SCHEMA IF NOT EXISTS {_schema}; " +
                $"CREATE TABLE IF NOT EXISTS {_schema}.learned_travel_times (id INTEGER PRIMARY KEY CHECK (id = 1), body BYTEA NOT NULL, saved_at TIMESTAMPTZ NOT NULL)",
                connection);
            create.ExecuteNonQuery();
            _tableReady = true;
        }
        return connection;
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
