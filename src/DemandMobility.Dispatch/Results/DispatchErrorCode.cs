namespace DemandMobility.Dispatch.Results;

/// <summary>Why a dispatcher call failed; the transport layer maps these to its status codes.</summary>
public enum DispatchErrorCode
{
    /// <summary>A field of the request is malformed or out of range (see <see cref="DispatchError.Field"/>).</summary>
    InvalidArgument,
    /// <summary>The object does not exist, or the caller may not see it (never distinguished, so nothing leaks).</summary>
    NotFound,
    /// <summary>The caller's role may not perform this operation at all.</summary>
    PermissionDenied,
    /// <summary>The object is not in a state that allows the operation (e.g. a forbidden status transition).</summary>
    FailedPrecondition,
    /// <summary>The offer's expiry time has passed.</summary>
    Expired,
    /// <summary>No vehicle can serve the request while keeping every promise.</summary>
    NoCapacity,
    /// <summary>An idempotency key was reused with a different request.</summary>
    IdempotencyConflict,
    /// <summary>The object already exists (e.g. registering a vehicle id twice).</summary>
    AlreadyExists,
}
