namespace DemandMobility.Server.Configuration;

/// <summary>Which <see cref="Dispatch.Persistence.IDispatchStore"/> implementation the host uses.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file in <see cref="StorageOptions.DataDirectory"/> (default, no server needed).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database given by <see cref="StorageOptions.PostgresConnectionString"/>.</summary>
    Postgres,
}

/// <summary>
/// Where durable state lives. Bound from the root key <c>DataDirectory</c> (environment variable
/// <c>DM_DataDirectory</c>) and the section <c>Storage</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section of the provider settings.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// Folder for the SQLite database and the development JWT signing key. Empty = the platform default
    /// (see <see cref="DemandMobility.Security.DataDirectory.Default"/>). Relative paths are relative to the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary><c>Storage:Provider</c>: <c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary><c>Storage:SqliteFileName</c>: file name of the SQLite database inside the data directory.</summary>
    public string SqliteFileName { get; set; } = "dispatch.db";

    /// <summary><c>Storage:PostgresConnectionString</c>: Npgsql connection string; required for <c>Postgres</c>.</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary><c>Storage:PostgresSchema</c>: PostgreSQL schema holding the tables.</summary>
    public string PostgresSchema { get; set; } = "public";

    /// <summary>
    /// <c>Storage:CreateNew</c>: start with a new, empty store although the data folder shows there was one (a store
    /// marker, a WAL file or the JWT key file). Without it such a start is refused, so a truncated, deleted or replaced
    /// database is never mistaken for a fresh installation. Set it for one start only.
    /// </summary>
    public bool CreateNew { get; set; }

    /// <summary><c>Storage:SnapshotEveryEvents</c>: snapshot the engine state after this many events (0 = never).</summary>
    public int SnapshotEveryEvents { get; set; } = 10_000;

    /// <summary><c>Storage:CheckpointInterval</c>: how often the SQLite WAL is copied into the database file.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Absolute data directory after applying the default.</summary>
    public string ResolvedDataDirectory => DemandMobility.Security.DataDirectory.Resolve(DataDirectory);

    /// <summary>Absolute path of the SQLite database file.</summary>
    public string SqlitePath => Path.Combine(ResolvedDataDirectory, SqliteFileName);
}
