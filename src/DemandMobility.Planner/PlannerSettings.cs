namespace DemandMobility.Planner;

/// <summary>Where planner jobs keep their files and find road data.</summary>
/// <param name="DataDirectory">The server's data folder; the single-process store keeps jobs in its <c>planner-jobs</c> folder.</param>
/// <param name="ScenarioDirectory">Relative paths of submitted scenarios are resolved from here (then the repository root).</param>
/// <param name="PbfPath">The server's OSM extract (full path), or null.</param>
/// <param name="GraphFile">The server's road graph file for <paramref name="PbfPath"/>: a scenario on the same extract loads it instead of building its own.</param>
public sealed record PlannerSettings(string DataDirectory, string ScenarioDirectory, string? PbfPath, string? GraphFile)
{
    /// <summary>The folder holding one folder per job.</summary>
    public string JobsDirectory => Path.Combine(DataDirectory, "planner-jobs");

    /// <summary>The graph file to load for a scenario on <paramref name="scenarioPbf"/>: the server's when it is the same extract, else null (beside the PBF).</summary>
    public string? GraphFor(string scenarioPbf) =>
        PbfPath is not null && GraphFile is not null && string.Equals(Path.GetFullPath(scenarioPbf), Path.GetFullPath(PbfPath), StringComparison.Ordinal)
            ? GraphFile : null;
}
