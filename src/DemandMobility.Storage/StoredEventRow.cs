using System.Data.Common;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>The event columns both stores select, and how a row of them becomes a <see cref="StoredEvent"/>.</summary>
internal static class StoredEventRow
{
    /// <summary>Column list in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "sequence, type, stream_id, occurred_at_utc_ticks, occurred_offset_minutes, payload, checksum";

    /// <summary>Reads the current row of a query that selected <see cref="Columns"/>.</summary>
    public static StoredEvent Read(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
        StoredTime.Join(reader.GetInt64(3), reader.GetInt32(4)), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
