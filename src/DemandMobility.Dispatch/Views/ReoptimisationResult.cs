namespace DemandMobility.Dispatch.Views;

/// <summary>What a re-optimisation round did.</summary>
public enum ReoptimisationStatus
{
    /// <summary>A cheaper plan keeping every promise was adopted.</summary>
    Adopted,
    /// <summary>The solver found nothing better (or nothing that keeps every promise).</summary>
    NotImproved,
    /// <summary>The plan changed while the solver ran; the result was discarded.</summary>
    Stale,
    /// <summary>Nothing to optimise.</summary>
    Empty,
    /// <summary>The optimiser is not available in this build.</summary>
    SolverUnavailable,
}

/// <summary>Outcome of <c>DispatchEngine.ReoptimiseAsync</c>, costs in the objective's unit (metres by default).</summary>
public sealed record ReoptimisationResult(ReoptimisationStatus Status, double CostBefore, double CostAfter);
