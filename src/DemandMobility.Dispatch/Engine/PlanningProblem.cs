using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>An optimiser problem built from the committed plan, with the maps back to domain ids (one optimiser vehicle per duty).</summary>
internal sealed record PlanningProblem(
    Problem Problem,
    Solution Current,
    string[] TaskIds,
    string[] VehicleIds,
    int NewRequest,
    Duty[] Duties);
