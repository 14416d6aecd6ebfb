namespace DemandMobility.Optimization.Validation;

/// <summary>Outcome of <see cref="SolutionValidator.Validate"/>: the violations found and the recomputed objective.</summary>
/// <param name="Violations">Every broken rule; empty when the solution is feasible and its cost is right.</param>
/// <param name="Objective">The objective recomputed from the reported routes and schedule.</param>
public sealed record ValidationResult(IReadOnlyList<Violation> Violations, ObjectiveBreakdown Objective)
{
    /// <summary>True when no rule is broken.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>True when every rule except the cost comparison holds.</summary>
    public bool IsFeasible
    {
        get
        {
            foreach (var v in Violations)
                if (v.Constraint != ConstraintKind.Objective) return false;
            return true;
        }
    }
}
