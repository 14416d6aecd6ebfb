using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Simulation;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// A cluster in simulation mode (<c>Cluster:Enabled=true</c> and <c>Simulation:Enabled=true</c>): the simulator's
/// gRPC mode drives every silo. The areas' engines get the same settings as the single-process simulation server's
/// engine (<c>Simulation:Seed</c>, <c>Iterations</c>, <c>MaxWait</c>, <c>ServiceArea</c>), follow one cluster-wide
/// simulated clock, and run their rounds only through <c>SimulationControl.Reoptimise</c>.
/// </summary>
public static class ClusterSimulationHostExtensions
{
    /// <summary>The <c>Simulation</c> section.</summary>
    public static SimulationOptions SimulationSettings(this IConfiguration configuration)
    {
        var options = new SimulationOptions();
        configuration.GetSection(SimulationOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>
    /// In simulation mode: registers <see cref="ClusterSimulation"/> and the simulated engine factory (after the live
    /// one, so it wins). Refuses a configured area fleet (the simulator registers its own) and bad simulation settings,
    /// naming the setting.
    /// </summary>
    public static ISiloBuilder AddClusterSimulation(this ISiloBuilder silo, IConfiguration configuration, ClusterOptions cluster,
        IReadOnlyDictionary<string, Configuration.DispatchOptions> rules)
    {
        var options = configuration.SimulationSettings();
        if (!options.Enabled) return silo;
        if (options.Iterations < 1)
            throw new InvalidDataException($"Simulation:Iterations must be at least 1 (got {options.Iterations}).");
        for (int i = 0; i < cluster.Areas.Count; i++)
            if (cluster.Areas[i].Fleet.Vehicles.Count > 0)
                throw new ArgumentException($"Cluster:Areas:{i} ({cluster.Areas[i].Id}):Fleet must be empty in simulation mode: the simulator registers its own fleet.");
        var area = SimulationHostExtensions.ParseArea(options.ServiceArea);
        silo.Services.AddSingleton(new ClusterSimulation(true, options.Start, options.Seed, options.Iterations));
        silo.Services.AddSingleton(Options.Create(options));
        silo.Services.AddSingleton<IAreaEngineFactory>(sp =>
        {
            var region = sp.GetRequiredService<IOptions<RegionOptions>>().Value;
            var places = sp.GetService<RegionPlaces>()?.Namer;
            // Each area keeps its own rules (Cluster:Areas:i:Rules); the run's settings apply on top, as in the
            // single-process simulation server.
            var engineRules = rules.ToDictionary(r => r.Key, r =>
            {
                var engineOptions = EngineSettingsMapping.ToEngineOptions(r.Value, region) with { StopNames = places };
                if (options.MaxWait is { } maxWait) engineOptions = engineOptions with { MaxWait = maxWait };
                if (area is not null) engineOptions = engineOptions with { ServiceArea = area };
                return engineOptions;
            }, StringComparer.Ordinal);
            return new SimulatedAreaEngineFactory(a => engineRules[a.Id], sp.GetRequiredService<ITravelTimeService>(), sp.GetRequiredService<AreaClocks>());
        });
        return silo;
    }
}
