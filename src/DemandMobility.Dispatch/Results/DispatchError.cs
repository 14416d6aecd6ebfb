namespace DemandMobility.Dispatch.Results;

/// <summary>A failure with a code, a human-readable message and, for invalid input, the offending field.</summary>
/// <param name="Code">Category of the failure.</param>
/// <param name="Message">What went wrong, naming the value.</param>
/// <param name="Field">Request field name (e.g. "origin.latitude"), or null.</param>
public sealed record DispatchError(DispatchErrorCode Code, string Message, string? Field = null)
{
    /// <summary>An invalid field.</summary>
    public static DispatchError Invalid(string field, string message) => new(DispatchErrorCode.InvalidArgument, message, field);

    /// <summary>Not found (or not visible to the caller).</summary>
    public static DispatchError NotFound(string what, string id) => new(DispatchErrorCode.NotFound, $"{what} '{id}' not found.");

    /// <summary>The operation is not allowed in the object's current state.</summary>
    public static DispatchError Precondition(string message) => new(DispatchErrorCode.FailedPrecondition, message);
}
