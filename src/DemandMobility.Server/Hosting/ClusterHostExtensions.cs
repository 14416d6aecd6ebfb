using System.Collections.Immutable;
using System.Net;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Cluster mode (<c>Cluster:Enabled=true</c>): this server is also an Orleans silo. Membership, reminders and every
/// area's event log live in PostgreSQL; the area grains build their engines with this server's rules and road
/// network. The single-process modules (SQLite store, one engine, its loops, the dashboard) are not registered.
/// </summary>
public static class ClusterHostExtensions
{
    /// <summary>True when configuration asks for cluster mode.</summary>
    public static bool IsClusterMode(this IHostApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool>(ClusterOptions.SectionName + ":" + nameof(ClusterOptions.Enabled));

    /// <summary>
    /// Applies the Orleans PostgreSQL script (idempotent), then hosts a silo on 127.0.0.1 with the configured
    /// areas. A bad area or a missing connection string stops the start with the setting named.
    /// </summary>
    public static IHostApplicationBuilder AddClusterSilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            throw new ArgumentException("Cluster:PostgresConnectionString is required when Cluster:Enabled is true.");
        var areas = options.Areas.Select(ToDefinition).ToList();
        // Validates ids and polygons now, so the operator sees the problem before any silo joins.
        var map = ServiceAreaMap.Create(areas);
        var fleets = ValidateFleets(options, map);
        ClusterSchema.ApplyAsync(options.PostgresConnectionString).GetAwaiter().GetResult();
        // Before the silo: load the road network now, so a missing graph stops the start and silos sharing a data
        // folder do not build its cache while areas activate.
        builder.Services.AddHostedService<RoadNetworkWarmUp>();
        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
            // Failure detection (Orleans' ClusterMembershipOptions, e.g. ProbeTimeout, NumMissedProbesLimit): how
            // long an area whose silo died stays unreachable before it re-activates elsewhere (docs/operations.md).
            silo.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(
                builder.Configuration.GetSection(ClusterOptions.SectionName + ":Membership"));
            silo.UsePostgresCluster(options.PostgresConnectionString)
                .AddServiceAreas(areas, new PostgresAreaStoreProvider(options.PostgresConnectionString, options.AreaSchemaPrefix),
                    UnusedEngines.Instance);
            silo.Services.AddSingleton<IAreaFleetProvisioner>(sp => new ConfiguredAreaFleet(fleets,
                sp.GetRequiredService<IOptions<RegionOptions>>().Value,
                sp.GetRequiredService<IOptions<Configuration.DispatchOptions>>().Value.BookingHorizonDays,
                sp.GetRequiredService<TimeProvider>()));
            // Replaces the placeholder: the engines need the road network and rules from this host's container.
            silo.Services.AddSingleton<IAreaEngineFactory>(sp => new AreaEngineFactory(
                EngineSettingsMapping.ToEngineOptions(sp.GetRequiredService<IOptions<Configuration.DispatchOptions>>().Value,
                    sp.GetRequiredService<IOptions<RegionOptions>>().Value) with { StopNames = sp.GetService<RegionPlaces>()?.Namer },
                sp.GetRequiredService<ITravelTimeService>(), sp.GetRequiredService<TimeProvider>()));
        });
        return builder;
    }

    /// <summary>
    /// Every area's <c>Fleet</c> with the single-process fleet rules, depots inside that area; all problems at once,
    /// each naming the area and the setting (<c>Cluster:Areas:1 (east):Fleet:Vehicles:0:Seats …</c>).
    /// </summary>
    internal static IReadOnlyDictionary<string, FleetOptions> ValidateFleets(ClusterOptions options, ServiceAreaMap map)
    {
        var errors = new List<string>();
        var fleets = new Dictionary<string, FleetOptions>(StringComparer.Ordinal);
        for (int i = 0; i < options.Areas.Count; i++)
        {
            var area = options.Areas[i];
            fleets[area.Id] = area.Fleet;
            errors.AddRange(FleetOptionsValidator.Errors(area.Fleet, $"Cluster:Areas:{i} ({area.Id}):Fleet",
                (lat, lon) => map.AreaOf(new GeoPoint(lat, lon))?.Id == area.Id, $"service area '{area.Id}'"));
        }
        if (errors.Count > 0) throw new ArgumentException("Invalid cluster fleet configuration: " + string.Join(" ", errors));
        return fleets;
    }

    private static ServiceAreaDefinition ToDefinition(ClusterAreaOptions area, int index)
    {
        var boundary = area.Boundary.Select((p, j) => p is [var lon, var lat]
            ? new GeoPoint(lat, lon)
            : throw new ArgumentException($"Cluster:Areas:{index}:Boundary:{j} must be a [lon, lat] pair.")).ToImmutableArray();
        return new ServiceAreaDefinition(area.Id, boundary, [.. area.DestinationAreas]);
    }

    private sealed class RoadNetworkWarmUp(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<ITravelTimeService>();
            // The place index too (stop names, place search): built once into the data folder before areas activate.
            services.GetService<RegionPlaces>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    // AddServiceAreas takes an instance; the real factory is registered after it and wins.
    private sealed class UnusedEngines : IAreaEngineFactory
    {
        public static readonly UnusedEngines Instance = new();

        public Task<DispatchEngine> OpenAsync(ServiceAreaDefinition area, Dispatch.Persistence.IDispatchStore store, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The area engine factory was not replaced by the host.");
    }
}
