using Google.Protobuf;

namespace DemandMobility.Rpc.Client;

/// <summary>
/// A connection pool to one gRPC server. <c>http://</c> addresses use cleartext HTTP/2 with prior knowledge
/// (h2c); <c>https://</c> addresses negotiate h2 through ALPN. Calls are multiplexed as HTTP/2 streams and further
/// connections are opened when the server's stream limit is reached. Thread-safe; create one per server and reuse it.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    private readonly bool _ownsClient;

    /// <summary>Creates a channel to <paramref name="address"/> (scheme, host, port; the path is ignored).</summary>
    public RpcChannel(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Channel address '{address}' must use http (h2c) or https.", nameof(address));
        }

        Address = new Uri(address.GetLeftPart(UriPartial.Authority) + "/");
        Options = options ?? new RpcChannelOptions();
        if (Options.HttpHandler is { } handler)
        {
            HttpClient = new HttpClient(handler, disposeHandler: false);
        }
        else
        {
            var sockets = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                // Keep-alive pings detect dead connections during long server streams.
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            };
            if (Options.ServerCertificateValidation is { } validate)
            {
                sockets.SslOptions.RemoteCertificateValidationCallback = validate;
            }

            HttpClient = new HttpClient(sockets, disposeHandler: true);
        }

        // Streams may legitimately last hours; deadlines are per call, not per HttpClient.
        HttpClient.Timeout = Timeout.InfiniteTimeSpan;
        _ownsClient = true;
    }

    /// <summary>Creates a channel from a string address such as <c>http://127.0.0.1:5000</c>.</summary>
    public static RpcChannel ForAddress(string address, RpcChannelOptions? options = null)
        => new(new Uri(address, UriKind.Absolute), options);

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    /// <summary>The channel's settings.</summary>
    public RpcChannelOptions Options { get; }

    internal HttpClient HttpClient { get; }

    /// <summary>Starts a unary call; await the result (or its <c>ResponseAsync</c>) for the response.</summary>
    public AsyncUnaryCall<TResponse> UnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
        TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Start(method, MethodType.Unary, options, request);
        return new AsyncUnaryCall<TResponse>(call.ReadSingleResponseAsync(), call.ResponseHeadersAsync,
            call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a server-streaming call; read <c>ResponseStream</c> to the end.</summary>
    public AsyncServerStreamingCall<TResponse> ServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method,
        TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Start(method, MethodType.ServerStreaming, options, request);
        return new AsyncServerStreamingCall<TResponse>(new ClientResponseStream<TResponse>(call.ReadMessageAsync),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a client-streaming call: write requests, <c>CompleteAsync</c>, then await the response.</summary>
    public AsyncClientStreamingCall<TRequest, TResponse> ClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.ClientStreaming, options, null);
        return new AsyncClientStreamingCall<TRequest, TResponse>(
            new ClientRequestStream<TRequest>(call.WriteRequestAsync, call.CompleteRequestAsync),
            call.ReadSingleResponseAsync(), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Starts a bidirectional-streaming call.</summary>
    public AsyncDuplexStreamingCall<TRequest, TResponse> DuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var call = Start(method, MethodType.DuplexStreaming, options, null);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(
            new ClientRequestStream<TRequest>(call.WriteRequestAsync, call.CompleteRequestAsync),
            new ClientResponseStream<TResponse>(call.ReadMessageAsync),
            call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            HttpClient.Dispose();
        }
    }

    private ClientCall<TRequest, TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method,
        MethodType expected, CallOptions options, TRequest? request)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method '{method.FullName}' is {method.Type}, not {expected}.", nameof(method));
        }

        var call = new ClientCall<TRequest, TResponse>(this, method, options, request);
        call.Start();
        return call;
    }
}
