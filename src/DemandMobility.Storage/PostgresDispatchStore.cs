using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DemandMobility.Dispatch.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace DemandMobility.Storage;

/// <summary>
/// <see cref="IDispatchStore"/> on PostgreSQL with the same tables as <see cref="SqliteDispatchStore"/>.
/// Appends run in one transaction that first takes a transaction-scoped advisory lock, so appends from
/// any number of server instances are serialised and sequences stay dense (a SEQUENCE would leave gaps
/// on rollback). Durability is PostgreSQL's commit (synchronous_commit = on, the default).
/// </summary>
public sealed partial class PostgresDispatchStore : IDurableDispatchStore
{
    private const int ReadPageSize = 1000;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _displayName;

    private PostgresDispatchStore(NpgsqlDataSource dataSource, string schema, string displayName)
    {
        _dataSource = dataSource;
        _schema = schema;
        _displayName = displayName;
    }

    /// <inheritdoc />
    public string Location => _displayName;

    /// <inheritdoc />
    public StoreIdentity Identity { get; private set; } = new("", 0, false);

    /// <summary>
    /// Connects, and creates or migrates the schema. <paramref name="schema"/> selects the PostgreSQL schema
    /// holding the tables (tests use one per test; production uses "public").
    /// </summary>
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <param name="schema">The PostgreSQL schema.</param>
    /// <param name="refuseCreation">When set, a schema without our tables is not turned into a new store: the open fails with this reason.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="DispatchStoreException">Unreachable server, a newer schema version, foreign tables, or no tables while <paramref name="refuseCreation"/> is set.</exception>
    public static async Task<PostgresDispatchStore> OpenAsync(string connectionString, string schema = "public", string? refuseCreation = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        if (!SchemaName().IsMatch(schema))
            throw new ArgumentException($"Schema name '{schema}' must match [a-z_][a-z0-9_]{{0,62}}.", nameof(schema));

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new DispatchStoreException($"Invalid PostgreSQL connection string: {ex.Message}", ex);
        }

        var displayName = $"postgres://{parsed.Host}:{parsed.Port}/{parsed.Database} schema {schema}";
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresDispatchStore(dataSource, schema, displayName);
        try
        {
            bool created = await store.EnsureSchemaAsync(refuseCreation, cancellationToken).ConfigureAwait(false);
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var (storeId, last) = await SchemaMigration.ReadIdentityAsync(connection, schema + ".", cancellationToken).ConfigureAwait(false);
            store.Identity = new StoreIdentity(storeId, last, created);
        }
        catch (NpgsqlException ex)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new DispatchStoreException($"Cannot open dispatch store {displayName}: {ex.Message}", ex);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return store;
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        AppendArguments.Validate(events, idempotency);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, tx, cancellationToken).ConfigureAwait(false);

        if (idempotency is not null)
        {
            var existing = await FindIdempotencyCoreAsync(connection, tx, idempotency.Scope, idempotency.Key, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return new AppendResult([], existing);
            }
        }

        long last = 0;
        string chain = EventChain.Genesis;
        await using (var max = new NpgsqlCommand($"SELECT sequence, checksum FROM {_schema}.dm_events ORDER BY sequence DESC LIMIT 1", connection, tx))
        await using (var reader = await max.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                last = reader.GetInt64(0);
                chain = reader.IsDBNull(1) ? EventChain.Genesis : reader.GetString(1);
            }
        }

        var appended = new StoredEvent[events.Count];
        if (events.Count > 0)
        {
            // One multi-row INSERT via arrays: a single round trip regardless of the batch size.
            var sequences = new long[events.Count];
            var types = new string[events.Count];
            var streams = new string[events.Count];
            var ticks = new long[events.Count];
            var offsets = new int[events.Count];
            var payloads = new string[events.Count];
            var checksums = new string[events.Count];
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i] with { Sequence = last + 1 + i };
                chain = EventChain.Next(chain, e);
                checksums[i] = chain;
                sequences[i] = e.Sequence;
                types[i] = e.Type;
                streams[i] = e.StreamId;
                (ticks[i], offsets[i]) = StoredTime.Split(e.OccurredAt);
                payloads[i] = e.Payload;
                appended[i] = e with { Checksum = chain };
            }

            await using var insert = new NpgsqlCommand(
                $"""
                INSERT INTO {_schema}.dm_events (sequence, type, stream_id, occurred_at_utc_ticks, occurred_offset_minutes, payload, checksum)
                SELECT * FROM unnest(@seq, @type, @stream, @ticks, @offset, @payload, @checksum)
                """, connection, tx);
            insert.Parameters.Add(new NpgsqlParameter("seq", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = sequences });
            insert.Parameters.Add(new NpgsqlParameter("type", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = types });
            insert.Parameters.Add(new NpgsqlParameter("stream", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = streams });
            insert.Parameters.Add(new NpgsqlParameter("ticks", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ticks });
            insert.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = offsets });
            insert.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = payloads });
            insert.Parameters.Add(new NpgsqlParameter("checksum", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = checksums });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (idempotency is not null)
        {
            await using var record = new NpgsqlCommand(
                $"INSERT INTO {_schema}.dm_idempotency (scope, key, request_hash, result) VALUES (@scope, @key, @hash, @result)", connection, tx);
            record.Parameters.AddWithValue("scope", idempotency.Scope);
            record.Parameters.AddWithValue("key", idempotency.Key);
            record.Parameters.AddWithValue("hash", idempotency.RequestHash);
            record.Parameters.AddWithValue("result", idempotency.Result);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        return new AppendResult(appended, null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = new List<StoredEvent>(ReadPageSize);
        var after = afterSequence;
        while (true)
        {
            page.Clear();
            // Connection per page: a slow consumer does not hold a pooled connection.
            await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var query = new NpgsqlCommand(
                $"""
                SELECT {StoredEventRow.Columns}
                FROM {_schema}.dm_events WHERE sequence > @after ORDER BY sequence LIMIT @limit
                """, connection))
            {
                query.Parameters.AddWithValue("after", after);
                query.Parameters.AddWithValue("limit", ReadPageSize);
                await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add(StoredEventRow.Read(reader));
                }
            }

            foreach (var e in page) yield return e;
            if (page.Count < ReadPageSize) yield break;
            after = page[^1].Sequence;
        }
    }

    /// <inheritdoc />
    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await FindIdempotencyCoreAsync(connection, null, scope, key, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<IdempotencyRecord?> FindIdempotencyCoreAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string scope, string key, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            $"SELECT request_hash, result FROM {_schema}.dm_idempotency WHERE scope = @scope AND key = @key", connection, tx);
        query.Parameters.AddWithValue("scope", scope);
        query.Parameters.AddWithValue("key", key);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new IdempotencyRecord(scope, key, reader.GetString(0), reader.GetString(1));
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx);
        command.Parameters.AddWithValue("key", DispatchSchema.PostgresAppendLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates or migrates the schema; true when it created a new store.</summary>
    private async Task<bool> EnsureSchemaAsync(string? refuseCreation, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The same lock as appends: two servers starting at once do not both create the tables.
        await LockAsync(connection, tx, cancellationToken).ConfigureAwait(false);

        await using (var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {_schema}", connection, tx))
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

        var existing = new HashSet<string>(StringComparer.Ordinal);
        await using (var tables = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_name LIKE 'dm\\_%'", connection, tx))
        {
            tables.Parameters.AddWithValue("schema", _schema);
            await using var reader = await tables.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) existing.Add(reader.GetString(0));
        }

        if (existing.Contains("dm_schema_version"))
        {
            await using var versionQuery = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {_schema}.dm_schema_version", connection, tx);
            var version = Convert.ToInt64(await versionQuery.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (version > DispatchSchema.CurrentVersion)
            {
                throw new DispatchStoreException(
                    $"Dispatch store {_displayName} has schema version {version}, newer than this build supports " +
                    $"({DispatchSchema.CurrentVersion}). Upgrade DemandMobility; nothing was modified.");
            }

            // One step per version, inside this transaction.
            if (version < 2) await SchemaMigration.ToVersion2Async(connection, tx, _schema + ".", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (existing.Count > 0)
        {
            throw new DispatchStoreException(
                $"Dispatch store {_displayName} holds tables ({string.Join(", ", existing)}) but no dm_schema_version: " +
                "not a DemandMobility database. Nothing was modified.");
        }

        if (refuseCreation is not null)
            throw new DispatchStoreException($"The dispatch store {_displayName} holds no DemandMobility tables, but {refuseCreation}");

        var statements = new List<string>();
        foreach (var ddl in DispatchSchema.Version1Ddl)
        {
            statements.Add(ddl.Replace("CREATE TABLE dm_", $"CREATE TABLE {_schema}.dm_", StringComparison.Ordinal)
                .Replace(" ON dm_", $" ON {_schema}.dm_", StringComparison.Ordinal));
        }

        statements.Add($"CREATE TABLE {_schema}.dm_schema_version (version INTEGER NOT NULL, applied_at_utc_ticks BIGINT NOT NULL)");
        statements.Add($"INSERT INTO {_schema}.dm_schema_version (version, applied_at_utc_ticks) VALUES (1, {DateTimeOffset.UtcNow.UtcTicks})");
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, tx);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await SchemaMigration.ToVersion2Async(connection, tx, _schema + ".", cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var max = new NpgsqlCommand($"SELECT COALESCE(MAX(sequence), 0) FROM {_schema}.dm_events", connection);
        return (long)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public Task CheckpointAsync(bool truncate, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SnapshotRows.SaveAsync(connection, tx, _schema + ".", snapshot, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SnapshotRows.ReadAsync(connection, _schema + ".", cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
