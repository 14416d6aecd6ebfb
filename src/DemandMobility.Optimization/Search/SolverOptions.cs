namespace DemandMobility.Optimization.Search;

/// <summary>Limits and seed of one optimisation run; the search is deterministic for a given seed.</summary>
/// <param name="TimeLimit">Wall-clock budget; the best solution found so far is returned when it runs out.</param>
/// <param name="MaxIterations">Iteration budget of the large neighbourhood search.</param>
/// <param name="Seed">Seed of the random source.</param>
/// <param name="Workers">Parallel search workers (threads) exchanging their best solutions; 1 searches on the calling
/// thread only. With an iteration limit the result depends only on the seed, the limit and the number of workers.</param>
public sealed record SolverOptions(TimeSpan TimeLimit, long MaxIterations = long.MaxValue, int Seed = 1, int Workers = 1);
