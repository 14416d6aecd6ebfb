using DemandMobility.Server.Dashboard;

namespace DemandMobility.Server.RiderApp;

/// <summary>
/// The rider web app at <c>/app/</c> on the dashboard's HTTP/1.1 endpoint: one page (inline script pinned by hash in
/// its Content-Security-Policy, like the console), its PWA manifest, icon and service worker. The files hold no data;
/// the page calls the gRPC services' JSON routes (<c>/v1/…</c>) with the rider's token.
/// </summary>
internal static class RiderAppEndpoints
{
    private const string Prefix = "DemandMobility.Server.RiderApp.";
    private static readonly Lazy<DashboardPage> Page = new(
        () => DashboardPage.Load(Prefix + "app.html", "; manifest-src 'self'; worker-src 'self'"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Maps <c>/app/</c>, <c>/app/manifest.webmanifest</c>, <c>/app/icon.svg</c> and <c>/app/sw.js</c>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/app/", (Func<HttpContext, IResult>)(context =>
        {
            var page = Page.Value;
            context.Response.Headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(page.Html, "text/html; charset=utf-8");
        }));
        File(app, "/app/manifest.webmanifest", "manifest.webmanifest", "application/manifest+json");
        File(app, "/app/icon.svg", "icon.svg", "image/svg+xml");
        File(app, "/app/sw.js", "sw.js", "text/javascript; charset=utf-8");
    }

    private static void File(WebApplication app, string path, string resource, string contentType)
    {
        var bytes = new Lazy<byte[]>(() =>
        {
            using var stream = typeof(RiderAppEndpoints).Assembly.GetManifestResourceStream(Prefix + resource)
                ?? throw new InvalidDataException($"Embedded resource '{Prefix + resource}' is missing from the server assembly.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }, LazyThreadSafetyMode.ExecutionAndPublication);
        app.MapGet(path, (Func<HttpContext, IResult>)(context =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(bytes.Value, contentType);
        }));
    }
}
