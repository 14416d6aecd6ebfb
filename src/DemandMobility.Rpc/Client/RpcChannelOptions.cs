using System.Net.Security;

namespace DemandMobility.Rpc.Client;

/// <summary>Settings of an <see cref="RpcChannel"/>.</summary>
public sealed record RpcChannelOptions
{
    /// <summary>Largest response message accepted (bytes); larger → RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest request message sent (bytes); null = unlimited.</summary>
    public int? MaxSendMessageSize { get; init; }

    /// <summary>Send request messages gzip-compressed (<c>grpc-encoding: gzip</c>).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>
    /// Custom validation of the server certificate for https addresses (e.g. a self-signed certificate in
    /// tests). Null = the platform's default validation.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Clock for call deadlines; replace it to replay runs with a fake clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// A handler to use instead of the channel's own <see cref="SocketsHttpHandler"/> (e.g. a test server's).
    /// The channel does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
