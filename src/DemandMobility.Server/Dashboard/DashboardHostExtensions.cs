using DemandMobility.Security;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Dashboard;

/// <summary>Registers the dispatcher dashboard (<c>Dashboard</c> section).</summary>
public static partial class DashboardHostExtensions
{
    /// <summary>
    /// Binds <c>Dashboard</c> and registers the snapshot reader. The page and its API are served by the host's own
    /// Kestrel server on the dashboard's HTTP/1.1 endpoint (see <see cref="KestrelEndpoints"/>), mapped by
    /// <see cref="MapDashboard"/>; settings are read when the host starts, so configuration added later (tests,
    /// <c>configure</c> callbacks) still counts. With <c>Dashboard:Enabled=false</c> nothing is mapped or bound.
    /// </summary>
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConsoleSource>(sp => new EngineConsoleSource(sp.GetRequiredService<Dispatch.Engine.DispatchEngine>(),
            sp.GetRequiredService<Dispatch.Persistence.IDispatchStore>()));
        builder.AddConsoleFeed();
        return builder;
    }

    /// <summary>The console's feed over the registered <see cref="IConsoleSource"/> (settings, ledger, trails, snapshots, routes).</summary>
    internal static IHostApplicationBuilder AddConsoleFeed(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName);
        services.AddSingleton(sp => Resolve(
            sp.GetRequiredService<IOptions<DashboardOptions>>().Value,
            sp.GetRequiredService<BoundEndpoints>().RpcUrls,
            sp.GetRequiredService<IOptions<RegionOptions>>().Value));
        services.AddSingleton<BookingLedger>();
        services.AddSingleton<VehicleTrails>();
        services.AddSingleton<DashboardSnapshotBuilder>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton(sp => new PlannedRouteLayer(sp.GetRequiredService<IConsoleSource>(), sp.GetRequiredService<RoadRouter>));
        return builder;
    }

    /// <summary>Maps the page and the API (console policy: dispatchers, planners read-only) when the dashboard is enabled; checks its settings first.</summary>
    /// <exception cref="ArgumentException">A <c>Dashboard</c> setting is invalid (names the key).</exception>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled) return app;
        var settings = app.Services.GetRequiredService<DashboardSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemandMobility.Server.Dashboard");
        new DashboardApi(app.Services.GetRequiredService<DashboardSnapshotBuilder>(), app.Services.GetRequiredService<PlannedRouteLayer>(),
            app.Services.GetRequiredService<RoadRouter>, app.Services.GetRequiredService<IConsoleSource>, settings, logger,
            () => app.Services.GetService<Hosting.RegionPlaces>()?.Index).Map(app);
        RiderApp.RiderAppEndpoints.Map(app);
        var stream = new DashboardStream(app.Services.GetRequiredService<DashboardFeed>());
        app.MapGet("/dashboard/api/stream", (Func<HttpContext, Task>)(async context =>
        {
            // Ends with the browser or with the host, so a stopping host does not wait for open consoles.
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
            try
            {
                await stream.RunAsync(context, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                // The browser left or the host stops: the stream simply ends.
            }
        })).RequireAuthorization(Security.Policies.Console);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            if (app.Services.GetRequiredService<BoundEndpoints>().DashboardAddress is { } address) LogListening(logger, address + "/dashboard/");
        });
        return app;
    }

    /// <summary>The dashboard's listening address: <see cref="DashboardOptions.Url"/>, else derived from the gRPC URLs.</summary>
    public static string ResolveUrl(DashboardOptions options, string? rpcUrls)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Url) ? DefaultUrl(rpcUrls) : options.Url.Trim();
    }

    /// <summary>Checks the options and resolves the listening address (see <see cref="DashboardOptions.Url"/>).</summary>
    /// <exception cref="ArgumentException">A setting is invalid (names the key and value).</exception>
    public static DashboardSettings Resolve(DashboardOptions options, string? rpcUrls, RegionOptions region)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(region);
        string url = ResolveUrl(options, rpcUrls);
        if (!Uri.TryCreate(url.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal),
                UriKind.Absolute, out var uri) || uri.Scheme != "http" || uri.AbsolutePath != "/" || url.Contains(';', StringComparison.Ordinal))
            throw new ArgumentException($"Dashboard:Url '{url}' must be one http://host:port address (TLS: put a reverse proxy in front).");
        Check(options.RefreshInterval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), "RefreshInterval");
        Check(options.StaleFixAfter, TimeSpan.FromSeconds(10), TimeSpan.FromHours(2), "StaleFixAfter");
        Check(options.LateAfter, TimeSpan.Zero, TimeSpan.FromHours(2), "LateAfter");
        Check(options.RecentWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), "RecentWindow");
        if (!Enum.TryParse<RoadClass>(options.MapRoadClass, ignoreCase: true, out var roadClass) || !Enum.IsDefined(roadClass)
            || options.MapRoadClass.Trim().Length == 0 || char.IsDigit(options.MapRoadClass.Trim()[0]))
            throw new ArgumentException($"Dashboard:MapRoadClass '{options.MapRoadClass}' is not a road class; use one of {string.Join(", ", Enum.GetNames<RoadClass>())}.");
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Region:TimeZone '{region.TimeZone}' is not a known time zone.", ex);
        }
        return new DashboardSettings(url, options.RefreshInterval, options.StaleFixAfter, options.LateAfter, options.RecentWindow,
            roadClass, region.Name, zone);
    }

    /// <summary>Loopback at the first gRPC port + 80 (port 0 stays 0, so test hosts on port 0 never collide).</summary>
    private static string DefaultUrl(string? rpcUrls)
    {
        string first = (string.IsNullOrWhiteSpace(rpcUrls) ? KestrelEndpoints.DefaultUrl : rpcUrls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? KestrelEndpoints.DefaultUrl;
        string parsable = first.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        int port = Uri.TryCreate(parsable, UriKind.Absolute, out var uri) ? uri.Port : new Uri(KestrelEndpoints.DefaultUrl).Port;
        int dashboardPort = port == 0 ? 0 : port + DashboardOptions.DefaultPortOffset;
        if (dashboardPort > 65535)
            throw new ArgumentException($"Dashboard:Url is not set and the gRPC port {port} + {DashboardOptions.DefaultPortOffset} is no port; set Dashboard:Url.");
        return $"http://127.0.0.1:{dashboardPort}";
    }

    private static void Check(TimeSpan value, TimeSpan min, TimeSpan max, string key)
    {
        if (value < min || value > max)
            throw new ArgumentException($"Dashboard:{key} {value} must lie between {min} and {max}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher dashboard on {Address} (HTTP/1.1; needs a dispatcher token, or a planner token to read).")]
    private static partial void LogListening(ILogger logger, string address);
}
