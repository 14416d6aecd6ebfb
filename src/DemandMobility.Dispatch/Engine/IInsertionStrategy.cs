using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>How the engine finds places for a new request in the committed plan (same contract as
/// <see cref="InsertionService.FindInsertions"/>).</summary>
public interface IInsertionStrategy
{
    /// <summary>Feasible insertions of request <paramref name="request"/> into <paramref name="plan"/>, cheapest first.</summary>
    IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions);
}
