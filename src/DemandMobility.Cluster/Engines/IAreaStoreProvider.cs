using DemandMobility.Storage;

namespace DemandMobility.Cluster.Engines;

/// <summary>Opens the system of record of one service area (its event log and snapshots).</summary>
public interface IAreaStoreProvider
{
    /// <summary>Opens (creating on first use) the store of <paramref name="areaId"/>.</summary>
    Task<IDurableDispatchStore> OpenAsync(string areaId, CancellationToken cancellationToken);
}
