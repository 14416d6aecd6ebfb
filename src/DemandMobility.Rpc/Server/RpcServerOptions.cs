namespace DemandMobility.Rpc.Server;

/// <summary>
/// Runs before every handler of the services it is configured for. Throw an <see cref="RpcException"/>
/// (e.g. UNAUTHENTICATED, PERMISSION_DENIED) to reject the call; the handler then never runs.
/// </summary>
public delegate Task RpcCallInterceptor(ServerCallContext context);

/// <summary>Limits and cross-cutting hooks of the server side.</summary>
public sealed class RpcServerOptions
{
    private int _maxReceiveMessageSize = DefaultMaxReceiveMessageSize;

    /// <summary>The default receive limit, 4 MiB, as in the official implementations.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest request message accepted (bytes, compressed and decompressed); larger → RESOURCE_EXHAUSTED.</summary>
    public int MaxReceiveMessageSize
    {
        get => _maxReceiveMessageSize;
        set => _maxReceiveMessageSize = value > 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxReceiveMessageSize), value, "MaxReceiveMessageSize must be positive.");
    }

    /// <summary>Largest response message sent (bytes); null = unlimited.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When true, the message of an unhandled handler exception is sent in <c>grpc-message</c>. Keep false in
    /// production: exception messages can leak internals.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Clock for deadlines (<c>grpc-timeout</c>); replace it to replay runs with a fake clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Interceptors run in order before each handler (authentication, authorization, auditing).</summary>
    public IList<RpcCallInterceptor> Interceptors { get; } = new List<RpcCallInterceptor>();
}
