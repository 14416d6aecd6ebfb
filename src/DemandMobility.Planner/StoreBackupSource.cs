namespace DemandMobility.Planner;

/// <summary>One store a backup job copies: the server's SQLite file, or a PostgreSQL schema (the store, or one area's in cluster mode).</summary>
/// <param name="Name">Names the backup file (<c>NAME-JOBID.db</c> / <c>.dump</c>): <c>store</c>, or the area id.</param>
/// <param name="SqliteFile">The SQLite database file; null for PostgreSQL.</param>
/// <param name="PostgresConnectionString">The PostgreSQL connection; null for SQLite.</param>
/// <param name="PostgresSchema">The PostgreSQL schema of the store.</param>
/// <param name="SkipWhenMissing">True for a cluster area: an area never activated has no schema yet, so there is nothing to copy (the job says which were skipped).</param>
public sealed record StoreBackupSource(string Name, string? SqliteFile, string? PostgresConnectionString = null, string? PostgresSchema = null, bool SkipWhenMissing = false)
{
    /// <summary>The backup file name of this source for job <paramref name="jobId"/>.</summary>
    public string FileName(string jobId) => $"{Name}-{jobId}.{(SqliteFile is null ? "dump" : "db")}";
}

/// <summary>The stores a backup job copies, in order (configured by the server's mode).</summary>
/// <param name="Sources">At least one store.</param>
public sealed record StoreBackupPlan(IReadOnlyList<StoreBackupSource> Sources);
