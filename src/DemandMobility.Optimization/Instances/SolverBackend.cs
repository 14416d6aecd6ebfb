namespace DemandMobility.Optimization.Instances;

/// <summary>Which solver a benchmark run uses.</summary>
public enum SolverBackend
{
    /// <summary>Our adaptive large neighbourhood search (<see cref="Search.Solver"/>).</summary>
    Alns,
    /// <summary>Google OR-Tools' routing library (<see cref="OrTools.OrToolsRoutingSolver"/>), for comparison.</summary>
    OrTools,
}
