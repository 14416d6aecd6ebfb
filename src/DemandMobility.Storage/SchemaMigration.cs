using System.Data.Common;
using System.Globalization;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>
/// Schema steps both providers share (portable SQL with <c>@</c> parameters on an open transaction). Each step runs
/// in the caller's transaction together with its <c>dm_schema_version</c> row, so a crash leaves the old version.
/// </summary>
internal static class SchemaMigration
{
    private const int Page = 1000;

    /// <summary>
    /// Version 1 → 2: adds the tables and columns of <see cref="DispatchSchema.Version2Ddl"/>, a new store id, and the
    /// checksum chain over the existing events. Existing events are hashed as found: a gap among them stops the
    /// migration (it would otherwise be sealed into the chain), other damage to old rows cannot be told afterwards.
    /// </summary>
    public static async Task ToVersion2Async(DbConnection connection, DbTransaction tx, string prefix, CancellationToken cancellationToken)
    {
        foreach (var ddl in DispatchSchema.Version2Ddl)
            await ExecuteAsync(connection, tx, string.Format(CultureInfo.InvariantCulture, ddl, prefix), cancellationToken).ConfigureAwait(false);
        await using (var id = Command(connection, tx, $"INSERT INTO {prefix}dm_store (store_id, created_at_utc_ticks) VALUES (@id, @ticks)"))
        {
            Add(id, "id", Guid.NewGuid().ToString("N"));
            Add(id, "ticks", DateTimeOffset.UtcNow.UtcTicks);
            await id.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var chain = EventChain.Genesis;
        long after = 0;
        while (true)
        {
            var page = new List<StoredEvent>(Page);
            await using (var read = Command(connection, tx,
                $"SELECT {StoredEventRow.Columns} FROM {prefix}dm_events WHERE sequence > @after ORDER BY sequence LIMIT {Page}"))
            {
                Add(read, "after", after);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) page.Add(StoredEventRow.Read(reader));
            }
            if (page.Count == 0) break;
            await using var update = Command(connection, tx, $"UPDATE {prefix}dm_events SET checksum = @checksum WHERE sequence = @sequence");
            var pChecksum = Add(update, "checksum", "");
            var pSequence = Add(update, "sequence", 0L);
            foreach (var e in page)
            {
                if (e.Sequence != after + 1)
                    throw new StoreIntegrityException(after + 1, StoreDamage.Gap,
                        $"Cannot add checksums to the event log: event {after + 1} is missing (the log continues at {e.Sequence}). " +
                        EventLogVerifier.Advice);
                chain = EventChain.Next(chain, e);
                pChecksum.Value = chain;
                pSequence.Value = e.Sequence;
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                after = e.Sequence;
            }
        }

        await using var version = Command(connection, tx, $"INSERT INTO {prefix}dm_schema_version (version, applied_at_utc_ticks) VALUES (2, @ticks)");
        Add(version, "ticks", DateTimeOffset.UtcNow.UtcTicks);
        await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The store id and last sequence of an opened store.</summary>
    public static async Task<(string StoreId, long LastSequence)> ReadIdentityAsync(DbConnection connection, string prefix, CancellationToken cancellationToken)
    {
        await using var id = Command(connection, null, $"SELECT store_id FROM {prefix}dm_store LIMIT 1");
        var storeId = (string?)await id.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DispatchStoreException($"The store has no id row in {prefix}dm_store: it was damaged or edited by hand.");
        await using var last = Command(connection, null, $"SELECT COALESCE(MAX(sequence), 0) FROM {prefix}dm_events");
        var lastSequence = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return (storeId, lastSequence);
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
        return p;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
