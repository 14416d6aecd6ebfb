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
    /// <summary>
    /// No search ran: the plan and the requests within the horizon are those the last round searched without
    /// finding a cheaper plan.
    /// </summary>
    Unchanged,
}

/// <summary>Outcome of <c>DispatchEngine.ReoptimiseAsync</c>, costs in the objective's unit (metres by default).</summary>
/// <remarks>
/// <c>CostAfter</c> is the committed plan's cost after the round: the new plan's when adopted, otherwise
/// <c>CostBefore</c> (except <see cref="ReoptimisationStatus.Stale"/>, which reports the discarded candidate's cost).
/// </remarks>
public sealed record ReoptimisationResult(ReoptimisationStatus Status, double CostBefore, double CostAfter);
