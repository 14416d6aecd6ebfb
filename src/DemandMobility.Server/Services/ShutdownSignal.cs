using Grpc.Core;

namespace DemandMobility.Server.Services;

/// <summary>Ties server streams to host shutdown so that watchers end with a status instead of hanging.</summary>
internal static class ShutdownSignal
{
    /// <summary>A token cancelled by either the call or the host stopping.</summary>
    public static CancellationTokenSource Link(CancellationToken call, IHostApplicationLifetime lifetime) =>
        CancellationTokenSource.CreateLinkedTokenSource(call, lifetime.ApplicationStopping);

    /// <summary>UNAVAILABLE when the host is stopping (clients reconnect); otherwise the client went away.</summary>
    public static RpcException? OnCancelled(IHostApplicationLifetime lifetime) =>
        lifetime.ApplicationStopping.IsCancellationRequested
            ? new RpcException(new Status(StatusCode.Unavailable, "The server is shutting down; reconnect to continue watching."))
            : null;
}
