using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DemandMobility.Rpc.Server;

/// <summary>Kestrel endpoint set-ups that gRPC clients can reach.</summary>
public static class KestrelRpcExtensions
{
    /// <summary>
    /// Cleartext HTTP/2 with prior knowledge (h2c). Kestrel answers h2c prior knowledge only on an endpoint whose
    /// protocols are HTTP/2 alone, so this endpoint serves no HTTP/1.1.
    /// </summary>
    public static void ListenRpcCleartext(this KestrelServerOptions options, IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Listen(endPoint, listen => listen.Protocols = HttpProtocols.Http2);
    }

    /// <summary>TLS endpoint offering HTTP/1.1 and HTTP/2; gRPC clients select h2 through ALPN.</summary>
    public static void ListenRpcTls(this KestrelServerOptions options, IPEndPoint endPoint, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(certificate);
        options.Listen(endPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        });
    }
}
