using DemandMobility.Routing;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Runs the dashboard on its own small Kestrel server inside the dispatch host, on <c>Dashboard:Url</c> with HTTP/1.1:
/// the gRPC endpoint speaks cleartext HTTP/2 only, and keeping the browser's endpoint apart leaves the gRPC
/// endpoints, their protocols and their addresses exactly as they were. It shares the host's engine, store, router,
/// token validator and logging; it starts and stops with the host.
/// </summary>
public sealed partial class DashboardServer(IServiceProvider services, IOptions<DashboardOptions> options, ILogger<DashboardServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound addresses once started (port 0 resolved); empty before.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The address cannot be bound (names <c>Dashboard:Url</c> and the reason).</exception>
    /// <exception cref="ArgumentException">A <c>Dashboard</c> setting is invalid (names the key).</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        var settings = services.GetRequiredService<DashboardSettings>();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Only what is set here: the host's Urls, Kestrel and environment settings belong to the gRPC endpoint.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(services.GetRequiredService<ILoggerFactory>()));
        builder.WebHost.UseUrls(settings.Url);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        new DashboardApi(services.GetRequiredService<DashboardSnapshotBuilder>(), services.GetRequiredService<JwtTokenValidator>(),
            services.GetRequiredService<RoadRouter>, settings, logger).Map(app);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new ArgumentException($"Dashboard:Url '{settings.Url}' cannot be bound: {ex.Message} Set another Dashboard:Url or Dashboard:Enabled=false.", ex);
        }
        _app = app;
        Addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        LogListening(logger, string.Join(", ", Addresses.Select(a => a.TrimEnd('/') + "/dashboard/")));
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatcher dashboard on {Addresses} (HTTP/1.1; needs a dispatcher token).")]
    private static partial void LogListening(ILogger logger, string addresses);
}
