namespace DemandMobility.Planner;

/// <summary>Where a planner job is in its life; the last four are final.</summary>
public enum PlannerJobState
{
    /// <summary>Waiting for a worker.</summary>
    Queued,

    /// <summary>A worker runs it.</summary>
    Running,

    /// <summary>Finished; report files written.</summary>
    Succeeded,

    /// <summary>Stopped by an error (bad demand file, missing road data, ...); the message names it.</summary>
    Failed,

    /// <summary>Cancelled by a caller.</summary>
    Cancelled,

    /// <summary>Its node stopped while it was queued or running.</summary>
    Interrupted,
}

/// <summary>Helpers on <see cref="PlannerJobState"/>.</summary>
public static class PlannerJobStates
{
    /// <summary>True for a state no job leaves.</summary>
    public static bool IsFinal(this PlannerJobState state) => state is not (PlannerJobState.Queued or PlannerJobState.Running);
}
