using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>The production strategy: the optimiser's cached-slack insertion (<see cref="InsertionService"/>).</summary>
public sealed class OptimizerInsertionStrategy : IInsertionStrategy
{
    /// <inheritdoc />
    public IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions) =>
        InsertionService.FindInsertions(problem, plan, request, maxOptions);
}
