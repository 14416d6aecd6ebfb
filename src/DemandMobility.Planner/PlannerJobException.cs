namespace DemandMobility.Planner;

/// <summary>What went wrong with a request about a planner job.</summary>
public enum PlannerJobErrorKind
{
    /// <summary>Bad input (scenario, id, file name); the message names it.</summary>
    Invalid,

    /// <summary>No such job or file.</summary>
    NotFound,

    /// <summary>The job's state does not allow it (e.g. cancelling a finished job).</summary>
    Precondition,
}

/// <summary>A refused request about a planner job, with a message for the caller.</summary>
public sealed class PlannerJobException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PlannerJobException(PlannerJobErrorKind kind, string field, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        Field = field;
    }

    /// <summary>What kind of refusal.</summary>
    public PlannerJobErrorKind Kind { get; }

    /// <summary>The request field it is about (snake_case), or empty.</summary>
    public string Field { get; }
}
