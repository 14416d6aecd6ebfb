using System.Data.Common;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>Writes and reads <c>dm_snapshots</c> for both providers (portable SQL).</summary>
internal static class SnapshotRows
{
    public static async Task SaveAsync(DbConnection connection, DbTransaction tx, string prefix, StoredSnapshot s, CancellationToken cancellationToken)
    {
        await using (var delete = SchemaMigration.Command(connection, tx, $"DELETE FROM {prefix}dm_snapshots WHERE sequence = @sequence"))
        {
            SchemaMigration.Add(delete, "sequence", s.Sequence);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var insert = SchemaMigration.Command(connection, tx,
            $"""
            INSERT INTO {prefix}dm_snapshots (sequence, format_version, created_at_utc_ticks, created_offset_minutes, chain_checksum, checksum, payload)
            VALUES (@sequence, @format, @ticks, @offset, @chain, @checksum, @payload)
            """))
        {
            var (ticks, offset) = StoredTime.Split(s.CreatedAt);
            SchemaMigration.Add(insert, "sequence", s.Sequence);
            SchemaMigration.Add(insert, "format", s.FormatVersion);
            SchemaMigration.Add(insert, "ticks", ticks);
            SchemaMigration.Add(insert, "offset", offset);
            SchemaMigration.Add(insert, "chain", s.ChainChecksum);
            SchemaMigration.Add(insert, "checksum", s.Checksum);
            SchemaMigration.Add(insert, "payload", s.Payload);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        // Keep the newest few: the newest to start from, an older one in case the newest is damaged.
        await using var prune = SchemaMigration.Command(connection, tx,
            $"DELETE FROM {prefix}dm_snapshots WHERE sequence NOT IN (SELECT sequence FROM {prefix}dm_snapshots ORDER BY sequence DESC LIMIT {ISnapshotStore.KeptSnapshots})");
        await prune.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<StoredSnapshot>> ReadAsync(DbConnection connection, string prefix, CancellationToken cancellationToken)
    {
        var list = new List<StoredSnapshot>();
        await using var query = SchemaMigration.Command(connection, null,
            $"SELECT sequence, format_version, created_at_utc_ticks, created_offset_minutes, chain_checksum, checksum, payload FROM {prefix}dm_snapshots ORDER BY sequence DESC");
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            list.Add(new StoredSnapshot(reader.GetInt64(0), reader.GetInt32(1), StoredTime.Join(reader.GetInt64(2), reader.GetInt32(3)),
                reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        return list;
    }
}
