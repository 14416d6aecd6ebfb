using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Search;

/// <summary>
/// The anytime route optimiser: construction by insertion, then adaptive large neighbourhood search with
/// local search. Returns the best solution found within the options' limits.
/// </summary>
public sealed class Solver
{
    private readonly SolverOptions _options;

    /// <summary>Creates a solver with the given limits and seed.</summary>
    public Solver(SolverOptions options) => _options = options;

    /// <summary>Solves the problem, optionally warm-started from an existing plan (e.g. the live plan).</summary>
    public Solution Solve(Problem problem, Solution? initial = null, IProgress<SolverProgress>? progress = null, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("Solver is being written (issue 3).");
}
