namespace DemandMobility.Planner;

/// <summary>Where a restore job stages a backup: the single-process server's data folder and its SQLite store file.</summary>
/// <param name="DataDirectory">The data folder (the pending restore is written there).</param>
/// <param name="DatabaseFileName">The store file the restore replaces at the next start (<c>dispatch.db</c>).</param>
public sealed record StoreRestorePlan(string DataDirectory, string DatabaseFileName);
