using DemandMobility.Storage;

namespace DemandMobility.Cluster.Engines;

/// <summary>
/// Each area's event log and snapshots in its own PostgreSQL schema <c>{prefix}{areaId}</c> of one database, with the
/// same tables, hash chain and append lock as the single-process PostgreSQL store. Our tables, not Orleans grain
/// storage, stay the system of record: a grain re-activating on another silo replays them.
/// </summary>
public sealed class PostgresAreaStoreProvider(string connectionString, string schemaPrefix = "area_") : IAreaStoreProvider
{
    /// <summary>The schema holding an area's tables.</summary>
    public string SchemaOf(string areaId) => schemaPrefix + areaId;

    /// <inheritdoc />
    public async Task<IDurableDispatchStore> OpenAsync(string areaId, CancellationToken cancellationToken) =>
        await PostgresDispatchStore.OpenAsync(connectionString, SchemaOf(areaId), cancellationToken: cancellationToken).ConfigureAwait(false);
}
