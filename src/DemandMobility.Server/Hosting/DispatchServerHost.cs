using DemandMobility.Server.Configuration;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Persistence;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Builds the dispatch server: configuration, store, JWT auth, road routing, engine and the gRPC services, one
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
        builder.ConfigureRpcEndpoints();
        builder.AddDispatchStore();
        builder.AddJwtAuth();
        builder.AddRoadRouting();
        builder.AddDispatchEngine();
        builder.AddDispatchRpcServices();
        builder.AddSimulationMode();
        builder.AddDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapDispatchRpcServices();
        app.MapSimulationControl();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }

    /// <summary>The addresses the server listens on (after start; port 0 resolved to the bound port).</summary>
    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void LogListening(WebApplication app)
    {
        var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DemandMobility.Server");
        LogReady(logger, string.Join(", ", ListeningAddresses(app)), storage.ResolvedDataDirectory);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "DemandMobility dispatcher listening on {Addresses} (gRPC; h2c on http://). Token: dotnet run --project src/DemandMobility.Cli -- token --role rider --subject alice --data-dir {DataDirectory}")]
    private static partial void LogReady(ILogger logger, string addresses, string dataDirectory);
}
