namespace DemandMobility.Optimization.Search;

/// <summary>Reported while the search runs: iterations done, elapsed time and the best cost so far.</summary>
public readonly record struct SolverProgress(long Iteration, TimeSpan Elapsed, double BestCost, int BestVehicles, int BestUnserved);
