using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Binds Kestrel to the addresses of <c>--urls</c> / <c>Urls</c> / <c>ASPNETCORE_URLS</c> with protocols a gRPC
/// client can use: <c>http://</c> endpoints speak HTTP/2 only (Kestrel answers cleartext HTTP/2 with prior
/// knowledge only on such endpoints), <c>https://</c> endpoints offer HTTP/1.1 and HTTP/2 (h2 chosen by ALPN)
/// with Kestrel's default certificate configuration. An http and an https URL that are both on port 0 cannot be
/// told apart; both then offer HTTP/1.1 and HTTP/2 (no cleartext prior knowledge).
/// </summary>
public static class KestrelEndpoints
{
    /// <summary>Address used when nothing is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    /// <summary>
    /// Validates the configured URLs (default <see cref="DefaultUrl"/>) and sets the protocols of each endpoint.
    /// When the <c>Kestrel</c> configuration section defines endpoints, that configuration is left in charge.
    /// </summary>
    /// <exception cref="ArgumentException">A URL is malformed or not http/https (names it).</exception>
    public static void ConfigureRpcEndpoints(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists()) return;
        string urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        var endpoints = Parse(urls);
        builder.WebHost.UseUrls(urls);
        // Kestrel binds the URLs itself and applies these defaults before adding TLS, so the scheme is found by port.
        var httpsPorts = endpoints.Where(e => e.Https).Select(e => e.Uri.Port).ToHashSet();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Protocols = listen.IPEndPoint is { } ip && httpsPorts.Contains(ip.Port) ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2));
    }

    private static List<(Uri Uri, bool Https)> Parse(string urls)
    {
        var result = new List<(Uri, bool)>();
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Uri rejects the wildcard hosts ASP.NET accepts; parse them as a placeholder address.
            string text = raw.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException($"Urls: '{raw}' is not an http:// or https:// address.");
            result.Add((uri, uri.Scheme == "https"));
        }
        if (result.Count == 0) throw new ArgumentException($"Urls: '{urls}' names no address.");
        return result;
    }
}
