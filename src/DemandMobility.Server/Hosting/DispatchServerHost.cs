using DemandMobility.Server.Configuration;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Persistence;
using DemandMobility.Server.Planner;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using DemandMobility.Server.Transit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Builds the dispatch server: configuration, store, JWT auth, road routing, engine, the gRPC services and the dashboard, all on one Kestrel server, one
/// <c>AddXxx</c> per module. <c>Program</c> runs it; integration tests build it with overrides.
/// </summary>
public static partial class DispatchServerHost
{
    /// <summary>
    /// Creates the application. <paramref name="configure"/> runs after the modules are registered and before
    /// building, so tests can replace services (e.g. the <see cref="TimeProvider"/>) or add configuration.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json is copied next to the binaries; the working directory may be anywhere.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDemandMobilityConfiguration();
        // DM_* environment variables were added above; the command line still wins over them.
        builder.Configuration.AddCommandLine(args);
        if (builder.IsClusterMode()) return CreateCluster(builder, configure);
        builder.ConfigureServiceEndpoints();
        builder.AddDispatchStore();
        builder.AddJwtAuth();
        builder.AddRoadRouting();
        builder.AddTravelTimeLearning();
        builder.AddDispatchEngine();
        builder.AddDispatchRpcServices();
        builder.AddTransitJourneys();
        builder.AddSimulationMode();
        builder.AddDashboard();
        builder.AddPlannerJobs(cluster: false);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDispatchRpcServices();
        app.MapTransitJourneys();
        app.MapSimulationControl();
        app.MapDashboard();
        app.MapPlannerJobs();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }

    /// <summary>The addresses the server listens on (after start; port 0 resolved to the bound port), the dashboard's included.</summary>
    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>The gRPC addresses (after start): every listening address but the dashboard's.</summary>
    public static IReadOnlyList<string> RpcAddresses(WebApplication app)
    {
        string? dashboard = DashboardAddress(app);
        return ListeningAddresses(app).Where(a => dashboard is null || !SamePort(a, dashboard)).ToList();
    }

    /// <summary>The dashboard's HTTP/1.1 address (after start), or null when it is disabled.</summary>
    public static string? DashboardAddress(WebApplication app) => app.Services.GetRequiredService<BoundEndpoints>().DashboardAddress;

    private static bool SamePort(string a, string b) =>
        Uri.TryCreate(a.Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal), UriKind.Absolute, out var x)
        && Uri.TryCreate(b, UriKind.Absolute, out var y) && x.Port == y.Port;

    private static void LogListening(WebApplication app)
    {
        var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemandMobility.Server");
        LogReady(logger, string.Join(", ", RpcAddresses(app)), storage.ResolvedDataDirectory);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "DemandMobility dispatcher listening on {Addresses} (gRPC; h2c on http://, HTTP/1.1 and h2 on https://). Token: dotnet run --project src/DemandMobility.Cli -- token --role rider --subject alice --data-dir {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string addresses, string dataDirectory);
}
