namespace DemandMobility.Rpc;

/// <summary>
/// A call ended with a non-OK status. Thrown by the client for failed calls; thrown by a server handler
/// (or interceptor) to end the call with that status and optional trailers.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception for <paramref name="status"/> with optional trailers.</summary>
    public RpcException(Status status, Metadata? trailers = null)
        : this(status, trailers, $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")")
    {
    }

    /// <summary>Creates the exception with an explicit exception message (which never travels on the wire).</summary>
    public RpcException(Status status, Metadata? trailers, string message)
        : base(message)
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>The status of the call.</summary>
    public Status Status { get; }

    /// <summary>Shortcut for <c>Status.StatusCode</c>.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>The call's trailers (client side) or trailers to send (server side).</summary>
    public Metadata Trailers { get; }
}
