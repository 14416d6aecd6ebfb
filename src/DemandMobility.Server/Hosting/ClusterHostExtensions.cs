using System.Collections.Immutable;
using System.Net;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Balancing;
using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Cluster.Security;
using DemandMobility.Cluster.Learning;
using DemandMobility.Dispatch.Learning;
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
    /// Applies the Orleans PostgreSQL script (idempotent), then hosts a silo on the configured address (default
    /// 127.0.0.1) with the configured areas, their rules and the balancing of areas over silos. A bad area, rule,
    /// address, silo certificate (<c>Cluster:Silo:Tls</c>) or a missing connection string stops the start with the setting named.
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
        var rules = AreaRulesResolver.Resolve(options,
            builder.Configuration.GetSection(Configuration.DispatchOptions.SectionName).Get<Configuration.DispatchOptions>() ?? new Configuration.DispatchOptions(),
            builder.Configuration);
        var endpoints = SiloEndpoints.Resolve(options);
        // Loaded and checked now: a missing, unreadable or expired certificate stops the start naming the setting.
        var tls = SiloTlsSettings.Resolve(options.Silo?.Tls, builder.Configuration, DateTimeOffset.UtcNow);
        var learning = ClusterLearning.Settings(builder.Configuration);
        var rebalancingErrors = options.Rebalancing.Validate(ClusterOptions.SectionName + ":Rebalancing");
        if (rebalancingErrors.Count > 0) throw new ArgumentException(string.Join(" ", rebalancingErrors));
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
            // Advertised in the membership table (what other silos and clients connect to) and bound locally; the
            // same ports for both (Cluster:Silo, docs/operations.md for silos on several machines).
            silo.Configure<Orleans.Configuration.EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = endpoints.Advertised;
                o.SiloPort = endpoints.SiloPort;
                o.GatewayPort = endpoints.GatewayPort;
                o.SiloListeningEndpoint = new IPEndPoint(endpoints.Listen, endpoints.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(endpoints.Listen, endpoints.GatewayPort);
            });
            if (tls is not null) silo.UseSiloTls(tls);
            // Failure detection (Orleans' ClusterMembershipOptions, e.g. ProbeTimeout, NumMissedProbesLimit): how
            // long an area whose silo died stays unreachable before it re-activates elsewhere (docs/operations.md).
            silo.Services.Configure<Orleans.Configuration.ClusterMembershipOptions>(
                builder.Configuration.GetSection(ClusterOptions.SectionName + ":Membership"));
            silo.UsePostgresCluster(options.PostgresConnectionString)
                .AddServiceAreas(areas, new PostgresAreaStoreProvider(options.PostgresConnectionString, options.AreaSchemaPrefix),
                    UnusedEngines.Instance)
                .AddAreaRebalancing(options.Rebalancing);
            // Each area's calendars reach its own booking horizon (Cluster:Areas:i:Rules:BookingHorizonDays).
            silo.Services.AddSingleton<IAreaFleetProvisioner>(sp => new ConfiguredAreaFleet(fleets,
                sp.GetRequiredService<IOptions<RegionOptions>>().Value,
                rules.ToDictionary(r => r.Key, r => r.Value.BookingHorizonDays, StringComparer.Ordinal),
                sp.GetRequiredService<TimeProvider>()));
            // Replaces the placeholder: the engines need the road network from this host's container, and each area
            // its own rules (Dispatch with the area's Rules in place); stops are named from the region's place index.
            silo.Services.AddSingleton<IAreaEngineFactory>(sp =>
            {
                var region = sp.GetRequiredService<IOptions<RegionOptions>>().Value;
                var places = sp.GetService<RegionPlaces>()?.Namer;
                var engineRules = rules.ToDictionary(r => r.Key, r => EngineSettingsMapping.ToEngineOptions(r.Value, region) with { StopNames = places }, StringComparer.Ordinal);
                return new AreaEngineFactory(area => engineRules[area.Id], sp.GetRequiredService<ITravelTimeService>(), sp.GetRequiredService<TimeProvider>(),
                    learning.Enabled ? AreaLearning(sp, learning, options) : null);
            });
            silo.AddClusterSimulation(builder.Configuration, options, rules);
        });
        return builder;
    }

    /// <summary>Each area learns on the region's profile router and keeps its evidence in its own schema.</summary>
    private static AreaLearningFactory AreaLearning(IServiceProvider services, LearningSettings settings, ClusterOptions options) =>
        new(services.GetRequiredService<Routing.RoadRouter>(),
            new LearningOptions { Interval = settings.Interval, TimeZone = settings.TimeZone },
            areaId => new PostgresLearnedTimesStore(options.PostgresConnectionString, options.AreaSchemaPrefix + areaId));

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
