namespace DemandMobility.Storage;

/// <summary>
/// Facts about the stored schema that both providers share, so the SQLite and PostgreSQL tables stay
/// column-for-column identical.
/// </summary>
internal static class DispatchSchema
{
    /// <summary>The schema version this build writes; a store with a higher version is refused.</summary>
    public const int CurrentVersion = 2;

    /// <summary>
    /// SQLite <c>PRAGMA application_id</c> ("DMOB"): marks the file as ours, so a foreign SQLite file is
    /// recognised before anything is written to it.
    /// </summary>
    public const int SqliteApplicationId = 0x444D4F42;

    /// <summary>
    /// Key of the PostgreSQL advisory lock that serialises appends and migrations; the value is the
    /// ASCII of "DMAPPEND" so it will not collide with locks of unrelated applications by accident.
    /// </summary>
    public const long PostgresAppendLockKey = 0x444D415050454E44;

    /// <summary>
    /// Version 2 adds the event hash chain (<c>checksum</c>, filled for existing rows by <see cref="SchemaMigration"/>),
    /// the store id (<c>dm_store</c>, one row, so a data folder can tell its store from another) and the state snapshots.
    /// <c>{0}</c> is the table prefix (empty for SQLite, the schema and a dot for PostgreSQL).
    /// </summary>
    public static readonly string[] Version2Ddl =
    [
        "ALTER TABLE {0}dm_events ADD COLUMN checksum TEXT",
        "CREATE TABLE {0}dm_store (store_id TEXT NOT NULL, created_at_utc_ticks BIGINT NOT NULL)",
        """
        CREATE TABLE {0}dm_snapshots (
            sequence BIGINT NOT NULL PRIMARY KEY,
            format_version INTEGER NOT NULL,
            created_at_utc_ticks BIGINT NOT NULL,
            created_offset_minutes INTEGER NOT NULL,
            chain_checksum TEXT NOT NULL,
            checksum TEXT NOT NULL,
            payload TEXT NOT NULL
        )
        """,
    ];

    /// <summary>Tables of version 1; identical DDL for both providers (portable types only).</summary>
    public static readonly string[] Version1Ddl =
    [
        """
        CREATE TABLE dm_events (
            sequence BIGINT NOT NULL PRIMARY KEY,
            type TEXT NOT NULL,
            stream_id TEXT NOT NULL,
            occurred_at_utc_ticks BIGINT NOT NULL,
            occurred_offset_minutes INTEGER NOT NULL,
            payload TEXT NOT NULL
        )
        """,
        "CREATE INDEX dm_events_stream ON dm_events (stream_id, sequence)",
        """
        CREATE TABLE dm_idempotency (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            result TEXT NOT NULL,
            PRIMARY KEY (scope, key)
        )
        """,
    ];
}
