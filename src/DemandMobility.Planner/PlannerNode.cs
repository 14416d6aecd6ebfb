namespace DemandMobility.Planner;

/// <summary>This node's name in job records and as Hangfire's server name: host and process id.</summary>
public static class PlannerNode
{
    /// <summary><c>host:pid</c>.</summary>
    public static string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
