namespace DemandMobility.Rpc;

/// <summary>
/// gRPC status codes with the numeric values fixed by the gRPC specification (doc/statuscodes.md in grpc/grpc);
/// the numbers travel on the wire in the <c>grpc-status</c> trailer, so they must never change.
/// </summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,
    /// <summary>The operation was cancelled, typically by the caller.</summary>
    Cancelled = 1,
    /// <summary>Unknown error, e.g. an unhandled exception in a handler.</summary>
    Unknown = 2,
    /// <summary>The client supplied an invalid argument.</summary>
    InvalidArgument = 3,
    /// <summary>The deadline expired before the operation could complete.</summary>
    DeadlineExceeded = 4,
    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,
    /// <summary>The entity that a client attempted to create already exists.</summary>
    AlreadyExists = 6,
    /// <summary>The caller is authenticated but lacks permission.</summary>
    PermissionDenied = 7,
    /// <summary>A resource (e.g. a message size limit) has been exhausted.</summary>
    ResourceExhausted = 8,
    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,
    /// <summary>The operation was aborted, e.g. by a concurrency conflict.</summary>
    Aborted = 10,
    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,
    /// <summary>The method is not implemented or not supported.</summary>
    Unimplemented = 12,
    /// <summary>An internal invariant was broken, e.g. a malformed message on the wire.</summary>
    Internal = 13,
    /// <summary>The service is currently unavailable (transient).</summary>
    Unavailable = 14,
    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,
    /// <summary>The request lacks valid authentication credentials.</summary>
    Unauthenticated = 16,
}
