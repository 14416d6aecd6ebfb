using System.Runtime.CompilerServices;
using System.Text;
using DemandMobility.Dispatch.Persistence;
using Microsoft.Data.Sqlite;

namespace DemandMobility.Storage;

/// <summary>
/// <see cref="IDispatchStore"/> in one SQLite file (the embedded default). WAL journal with
/// <c>synchronous=FULL</c>: a commit is fsynced to the WAL before <see cref="AppendAsync"/> returns, so
/// it survives kill -9 and power loss. One writer connection serialises appends in-process;
/// <c>BEGIN IMMEDIATE</c> plus a busy timeout serialises them across processes, so sequences are dense.
/// </summary>
public sealed partial class SqliteDispatchStore : IDurableDispatchStore
{
    private const int ReadPageSize = 1000;
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private bool _disposed;

    private SqliteDispatchStore(string path, string connectionString, SqliteConnection writer, StoreIdentity identity)
    {
        FilePath = path;
        _connectionString = connectionString;
        _writer = writer;
        Identity = identity;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public string Location => FilePath;

    /// <inheritdoc />
    public StoreIdentity Identity { get; }

    /// <summary>Busy timeout applied to every connection (waiting for another process's write lock).</summary>
    public static TimeSpan BusyTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Opens (creating if needed) the store at <paramref name="path"/> and creates or migrates the schema.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="refuseCreation">
    /// When set, a missing, empty or table-less file is not turned into a new store: the open fails with this reason
    /// (see <see cref="StoreGuard"/>) and the file is left as it is.
    /// </param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <exception cref="DispatchStoreException">
    /// The file is not a DemandMobility database, was written by a newer version, or is missing or empty while
    /// <paramref name="refuseCreation"/> is set; the file is not modified.
    /// </exception>
    public static async Task<SqliteDispatchStore> OpenAsync(string path, string? refuseCreation = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        RejectNonSqliteFile(fullPath);
        if (refuseCreation is not null && (!File.Exists(fullPath) || new FileInfo(fullPath).Length == 0))
            throw new DispatchStoreException($"The dispatch store '{fullPath}' {(File.Exists(fullPath) ? "is empty (0 bytes)" : "does not exist")}, but {refuseCreation}");
        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling would keep the file open after Dispose, defeating "dispose, reopen" and file deletion.
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();

        var writer = new SqliteConnection(connectionString);
        StoreIdentity identity;
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ApplyConnectionPragmasAsync(writer, cancellationToken).ConfigureAwait(false);
            bool created = await EnsureSchemaAsync(writer, fullPath, refuseCreation, cancellationToken).ConfigureAwait(false);
            var (storeId, last) = await SchemaMigration.ReadIdentityAsync(writer, "", cancellationToken).ConfigureAwait(false);
            identity = new StoreIdentity(storeId, last, created);
        }
        catch (SqliteException ex)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw new DispatchStoreException($"Cannot open dispatch store '{fullPath}': {ex.Message}", ex);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteDispatchStore(fullPath, connectionString, writer, identity);
    }

    /// <inheritdoc />
    public async Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        AppendArguments.Validate(events, idempotency);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // BEGIN IMMEDIATE (the default for a non-deferred transaction) takes the write lock up front,
            // so reading MAX(sequence) and inserting cannot interleave with another process.
            await using var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (idempotency is not null)
            {
                var existing = await FindIdempotencyCoreAsync(_writer, tx, idempotency.Scope, idempotency.Key, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new AppendResult([], existing);
                }
            }

            long last = 0;
            string chain = EventChain.Genesis;
            await using (var max = _writer.CreateCommand())
            {
                max.Transaction = tx;
                max.CommandText = "SELECT sequence, checksum FROM dm_events ORDER BY sequence DESC LIMIT 1";
                await using var reader = await max.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    last = reader.GetInt64(0);
                    chain = reader.IsDBNull(1) ? EventChain.Genesis : reader.GetString(1);
                }
            }

            var appended = new StoredEvent[events.Count];
            await using (var insert = _writer.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT INTO dm_events (sequence, type, stream_id, occurred_at_utc_ticks, occurred_offset_minutes, payload, checksum)
                    VALUES ($seq, $type, $stream, $ticks, $offset, $payload, $checksum)
                    """;
                var pSeq = insert.Parameters.Add("$seq", SqliteType.Integer);
                var pType = insert.Parameters.Add("$type", SqliteType.Text);
                var pStream = insert.Parameters.Add("$stream", SqliteType.Text);
                var pTicks = insert.Parameters.Add("$ticks", SqliteType.Integer);
                var pOffset = insert.Parameters.Add("$offset", SqliteType.Integer);
                var pPayload = insert.Parameters.Add("$payload", SqliteType.Text);
                var pChecksum = insert.Parameters.Add("$checksum", SqliteType.Text);
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i] with { Sequence = last + 1 + i };
                    chain = EventChain.Next(chain, e);
                    var (ticks, offset) = StoredTime.Split(e.OccurredAt);
                    pSeq.Value = last + 1 + i;
                    pType.Value = e.Type;
                    pStream.Value = e.StreamId;
                    pTicks.Value = ticks;
                    pOffset.Value = offset;
                    pPayload.Value = e.Payload;
                    pChecksum.Value = chain;
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    appended[i] = e with { Checksum = chain };
                }
            }

            if (idempotency is not null)
            {
                await using var record = _writer.CreateCommand();
                record.Transaction = tx;
                record.CommandText = "INSERT INTO dm_idempotency (scope, key, request_hash, result) VALUES ($scope, $key, $hash, $result)";
                record.Parameters.AddWithValue("$scope", idempotency.Scope);
                record.Parameters.AddWithValue("$key", idempotency.Key);
                record.Parameters.AddWithValue("$hash", idempotency.RequestHash);
                record.Parameters.AddWithValue("$result", idempotency.Result);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Once the commit returns, synchronous=FULL has fsynced the WAL: the append is durable.
            // Cancellation is not honoured past this point, so a commit is never half-reported.
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return new AppendResult(appended, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // A separate connection: WAL readers never block the writer, and each page is a short snapshot,
        // so a slow consumer does not pin the WAL.
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ApplyConnectionPragmasAsync(connection, cancellationToken).ConfigureAwait(false);
        var page = new List<StoredEvent>(ReadPageSize);
        var after = afterSequence;
        while (true)
        {
            page.Clear();
            await using (var query = connection.CreateCommand())
            {
                query.CommandText = $"""
                    SELECT {StoredEventRow.Columns}
                    FROM dm_events WHERE sequence > $after ORDER BY sequence LIMIT $limit
                    """;
                query.Parameters.AddWithValue("$after", after);
                query.Parameters.AddWithValue("$limit", ReadPageSize);
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
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await FindIdempotencyCoreAsync(_writer, null, scope, key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<IdempotencyRecord?> FindIdempotencyCoreAsync(
        SqliteConnection connection, SqliteTransaction? tx, string scope, string key, CancellationToken cancellationToken)
    {
        await using var query = connection.CreateCommand();
        query.Transaction = tx;
        query.CommandText = "SELECT request_hash, result FROM dm_idempotency WHERE scope = $scope AND key = $key";
        query.Parameters.AddWithValue("$scope", scope);
        query.Parameters.AddWithValue("$key", key);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return new IdempotencyRecord(scope, key, reader.GetString(0), reader.GetString(1));
    }

    /// <summary>Looks at the file's first bytes before SQLite touches it, so a foreign file stays unchanged.</summary>
    private static void RejectNonSqliteFile(string path)
    {
        if (Directory.Exists(path))
            throw new DispatchStoreException($"Dispatch store path '{path}' is a directory, not a database file.");
        if (!File.Exists(path)) return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0) return;
        Span<byte> header = stackalloc byte[SqliteHeader.Length];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read < header.Length || !header.SequenceEqual(SqliteHeader))
        {
            throw new DispatchStoreException(
                $"'{path}' is not a DemandMobility database: it is not an SQLite file (bytes 0-15 are not the SQLite header). " +
                "Move it away or point DataDirectory elsewhere; the file was not modified.");
        }
    }

    private static async Task ApplyConnectionPragmasAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";
        await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates or migrates the schema; true when it created a new store.</summary>
    private static async Task<bool> EnsureSchemaAsync(SqliteConnection connection, string path, string? refuseCreation, CancellationToken cancellationToken)
    {
        var applicationId = await ScalarAsync(connection, "PRAGMA application_id", cancellationToken).ConfigureAwait(false);
        var objectCount = await ScalarAsync(connection, "SELECT COUNT(*) FROM sqlite_master", cancellationToken).ConfigureAwait(false);

        if (applicationId != DispatchSchema.SqliteApplicationId)
        {
            if (applicationId != 0 || objectCount != 0)
            {
                throw new DispatchStoreException(
                    $"'{path}' is not a DemandMobility database: it is an SQLite file of another application " +
                    $"(application_id {applicationId}, {objectCount} schema objects). The file was not modified.");
            }

            if (refuseCreation is not null)
                throw new DispatchStoreException($"The dispatch store '{path}' holds no tables (an empty database), but {refuseCreation}");
            await CreateSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var version = await ScalarAsync(connection, "SELECT MAX(version) FROM dm_schema_version", cancellationToken).ConfigureAwait(false);
        if (version > DispatchSchema.CurrentVersion)
        {
            throw new DispatchStoreException(
                $"'{path}' has schema version {version}, newer than this build supports ({DispatchSchema.CurrentVersion}). " +
                "Upgrade DemandMobility; the file was not modified.");
        }

        if (version < 2)
        {
            // One step per version, each in its own transaction that also records the new version.
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await SchemaMigration.ToVersion2Async(connection, tx, "", cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    private static async Task CreateSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // journal_mode is persistent in the file and cannot change inside a transaction.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL";
            var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new DispatchStoreException($"SQLite refused WAL journal mode for '{connection.DataSource}' (got '{mode}').");
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var statements = new List<string>(DispatchSchema.Version1Ddl)
        {
            "CREATE TABLE dm_schema_version (version INTEGER NOT NULL, applied_at_utc_ticks BIGINT NOT NULL)",
            $"INSERT INTO dm_schema_version (version, applied_at_utc_ticks) VALUES (1, {DateTimeOffset.UtcNow.UtcTicks})",
            $"PRAGMA application_id = {DispatchSchema.SqliteApplicationId}",
        };
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await SchemaMigration.ToVersion2Async(connection, tx, "", cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
