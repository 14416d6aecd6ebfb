using System.Net;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Dashboard;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// The endpoints of the one Kestrel server. The addresses of <c>--urls</c> / <c>Urls</c> / <c>ASPNETCORE_URLS</c>
/// serve gRPC: <c>http://</c> ones speak HTTP/2 only (Kestrel answers cleartext HTTP/2 with prior knowledge only on
/// such endpoints), <c>https://</c> ones HTTP/1.1 and HTTP/2 (h2 chosen by ALPN; Kestrel's default certificate
/// settings). The dashboard gets its own HTTP/1.1 endpoint (<c>Dashboard:Url</c>), where browsers also reach the API
/// through gRPC-Web and JSON. When the <c>Kestrel:Endpoints</c> section is set, the operator's configuration is in
/// charge of every endpoint.
/// </summary>
public static class KestrelEndpoints
{
    /// <summary>Address used when nothing is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5000";

    private const string DashboardEndpoint = "Dashboard";

    /// <summary>
    /// Validates the configured URLs (default <see cref="DefaultUrl"/>) and declares the endpoints; the dashboard's
    /// address is resolved when Kestrel starts, so configuration added after this call still counts.
    /// </summary>
    /// <exception cref="ArgumentException">A URL is malformed or not http/https (names it).</exception>
    public static void ConfigureServiceEndpoints(this WebApplicationBuilder builder)
    {
        var bound = new BoundEndpoints();
        builder.Services.AddSingleton(bound);
        string urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : DefaultUrl;
        var endpoints = Parse(urls);
        bound.RpcUrls = urls;
        // Kestrel binds the endpoints below; left set, the URLs would be reported as overridden.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var section = context.Configuration.GetSection("Kestrel");
            if (section.GetSection("Endpoints").Exists()) return;
            // Keep the operator's other Kestrel settings (default certificate, limits) and add the endpoints to them.
            var values = section.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
            for (int i = 0; i < endpoints.Count; i++)
            {
                values[$"Endpoints:Rpc{i}:Url"] = endpoints[i].Url;
                values[$"Endpoints:Rpc{i}:Protocols"] = endpoints[i].Https ? nameof(HttpProtocols.Http1AndHttp2) : nameof(HttpProtocols.Http2);
            }
            var dashboard = context.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>() ?? new DashboardOptions();
            if (dashboard.Enabled)
            {
                values[$"Endpoints:{DashboardEndpoint}:Url"] = DashboardHostExtensions.ResolveUrl(dashboard, urls);
                values[$"Endpoints:{DashboardEndpoint}:Protocols"] = nameof(HttpProtocols.Http1);
            }
            kestrel.Configure(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), reloadOnChange: false)
                .Endpoint(DashboardEndpoint, e => bound.Dashboard = e.ListenOptions);
        });
    }

    private static List<(string Url, bool Https)> Parse(string urls)
    {
        var result = new List<(string, bool)>();
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Uri rejects the wildcard hosts ASP.NET accepts; parse them as a placeholder address.
            string text = raw.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                throw new ArgumentException($"Urls: '{raw}' is not an http:// or https:// address.");
            result.Add((raw, uri.Scheme == "https"));
        }
        if (result.Count == 0) throw new ArgumentException($"Urls: '{urls}' names no address.");
        return result;
    }
}

/// <summary>What <see cref="KestrelEndpoints"/> declared, to tell the dashboard's bound address from the gRPC ones after start.</summary>
public sealed class BoundEndpoints
{
    /// <summary>The gRPC URLs as configured.</summary>
    public string RpcUrls { get; internal set; } = KestrelEndpoints.DefaultUrl;

    /// <summary>The dashboard's endpoint; null when the dashboard is disabled or Kestrel:Endpoints is configured.</summary>
    public Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions? Dashboard { get; internal set; }

    /// <summary>The dashboard's bound address (port 0 resolved), or null.</summary>
    public string? DashboardAddress => Dashboard?.IPEndPoint is { } ip
        ? $"http://{(ip.Address.Equals(IPAddress.IPv6Loopback) || ip.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString())}:{ip.Port}"
        : null;
}
