namespace DemandMobility.Storage;

/// <summary>Where the store lives and how it may be opened (built by the server from its <c>Storage</c> settings, and by <c>dm store</c>).</summary>
/// <param name="DataDirectory">The data folder (holds the SQLite file by default and the <see cref="StoreMarker"/>).</param>
/// <param name="SqlitePath">The SQLite database file; null for PostgreSQL.</param>
/// <param name="PostgresConnectionString">The PostgreSQL connection string when <paramref name="SqlitePath"/> is null.</param>
/// <param name="PostgresSchema">The PostgreSQL schema.</param>
/// <param name="CreateNew">
/// <c>Storage:CreateNew</c>: the operator asks for a new, empty store although the data folder shows it had one.
/// </param>
/// <param name="OtherEvidence">
/// Further files whose presence shows the folder was used by a running server before (the JWT signing key file).
/// </param>
public sealed record StoreSettings(
    string DataDirectory,
    string? SqlitePath,
    string PostgresConnectionString = "",
    string PostgresSchema = "public",
    bool CreateNew = false,
    IReadOnlyList<string>? OtherEvidence = null);
