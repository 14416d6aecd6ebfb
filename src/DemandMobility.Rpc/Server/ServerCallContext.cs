using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace DemandMobility.Rpc.Server;

/// <summary>
/// Everything a handler may know about its call besides the messages: request metadata, deadline,
/// cancellation, the authenticated user, and response headers/trailers/status to send.
/// </summary>
public sealed class ServerCallContext
{
    private readonly HttpContext _httpContext;
    private readonly Func<Metadata, Task> _writeResponseHeaders;

    internal ServerCallContext(HttpContext httpContext, string method, DateTime deadline, Metadata requestHeaders,
        CancellationToken cancellationToken, Func<Metadata, Task> writeResponseHeaders)
    {
        _httpContext = httpContext;
        Method = method;
        Deadline = deadline;
        RequestHeaders = requestHeaders;
        CancellationToken = cancellationToken;
        _writeResponseHeaders = writeResponseHeaders;
    }

    /// <summary>Full method name, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>The <c>:authority</c> the client addressed.</summary>
    public string Host => _httpContext.Request.Host.Value ?? "";

    /// <summary>The client's address as <c>ipv4:a.b.c.d:port</c> / <c>ipv6:[...]:port</c>.</summary>
    public string Peer
    {
        get
        {
            var connection = _httpContext.Connection;
            if (connection.RemoteIpAddress is null)
            {
                return "unknown";
            }

            return connection.RemoteIpAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? $"ipv6:[{connection.RemoteIpAddress}]:{connection.RemotePort}"
                : $"ipv4:{connection.RemoteIpAddress}:{connection.RemotePort}";
        }
    }

    /// <summary>UTC deadline from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when the client set none.</summary>
    public DateTime Deadline { get; }

    /// <summary>Request metadata: all headers except pseudo-headers and gRPC's reserved ones (includes <c>authorization</c>).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Cancelled when the client cancels (RST_STREAM), disconnects, or the deadline expires.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Trailers sent with the status at the end of the call.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>
    /// The status to send when the handler returns normally. A non-OK value set here ends a unary or
    /// client-streaming call without a response message.
    /// </summary>
    public Status Status { get; set; } = Status.DefaultSuccess;

    /// <summary>The user ASP.NET Core authentication established for this request.</summary>
    public ClaimsPrincipal User => _httpContext.User;

    /// <summary>Per-call state shared between interceptors and the handler.</summary>
    public IDictionary<object, object?> UserState => _httpContext.Items;

    /// <summary>Sends response headers now (at most once, before any message).</summary>
    /// <exception cref="InvalidOperationException">Headers were already sent.</exception>
    public Task WriteResponseHeadersAsync(Metadata responseHeaders) => _writeResponseHeaders(responseHeaders);

    /// <summary>The underlying ASP.NET Core context (endpoint metadata, connection info).</summary>
    public HttpContext GetHttpContext() => _httpContext;
}
