using DemandMobility.Planner;

namespace DemandMobility.Server.Planner;

/// <summary>Planner job settings of cluster mode (section <c>Planner</c>); the single-process default keeps jobs in the data folder.</summary>
public sealed class PlannerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Planner";

    /// <summary>PostgreSQL schema of the job records, inputs and report files (in <c>Cluster:PostgresConnectionString</c>).</summary>
    public string Schema { get; set; } = "planner";

    /// <summary>Largest report file kept in PostgreSQL (bytes); a larger one fails its job naming the file and this setting.</summary>
    public long MaxFileBytes { get; set; } = PostgresPlannerJobStore.DefaultMaxFileBytes;
}
