using System.Globalization;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Search;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Simulation mode (<c>--Simulation:Enabled=true</c>): the engine is configured as the simulator's in-process
/// gateway configures it, so a scenario gives the same KPIs in-process and over gRPC.
/// </summary>
public static class SimulationHostExtensions
{
    /// <summary>True when <c>Simulation:Enabled</c> is set.</summary>
    public static bool IsSimulationEnabled(this IConfiguration configuration) =>
        configuration.GetSection(SimulationOptions.SectionName).GetValue<bool>(nameof(SimulationOptions.Enabled));

    /// <summary>
    /// Binds <c>Simulation</c>. When enabled, replaces the clock with a <see cref="SimulationClock"/>, the random
    /// source with one seeded by <c>Simulation:Seed</c>, and the engine with one whose solver stops after
    /// <c>Simulation:Iterations</c>; removes the wall-time re-optimisation loop, the shift-calendar loop and the
    /// default fleet (the simulator registers its own), and adds the <c>SimulationControl</c> service.
    /// Call after <see cref="EngineHostExtensions.AddDispatchEngine"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSimulationMode(this IHostApplicationBuilder builder)
    {
        var options = new SimulationOptions();
        builder.Configuration.GetSection(SimulationOptions.SectionName).Bind(options);
        builder.Services.AddSingleton(Options.Create(options));
        if (!options.Enabled) return builder;
        if (options.Iterations < 1)
            throw new InvalidDataException($"Simulation:Iterations must be at least 1 (got {options.Iterations}).");

        var area = ParseArea(options.ServiceArea);
        var services = builder.Services;
        var clock = new SimulationClock(options.Start);
        services.AddSingleton(clock);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        services.Replace(ServiceDescriptor.Singleton(_ => new Random(options.Seed)));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var dispatch = sp.GetRequiredService<IOptions<Configuration.DispatchOptions>>().Value;
            var region = sp.GetRequiredService<IOptions<RegionOptions>>().Value;
            var engineOptions = EngineSettingsMapping.ToEngineOptions(dispatch, region) with { StopNames = sp.GetService<RegionPlaces>()?.Namer };
            if (options.MaxWait is { } maxWait) engineOptions = engineOptions with { MaxWait = maxWait };
            if (area is not null) engineOptions = engineOptions with { ServiceArea = area };
            // As the simulator's InProcessGateway: a time limit no round reaches, so the iteration count alone ends it.
            var solver = new SolverOptions(TimeSpan.FromHours(1), options.Iterations, options.Seed);
            return DispatchEngine.OpenAsync(engineOptions, sp.GetRequiredService<ITravelTimeService>(), sp.GetRequiredService<IDispatchStore>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Random>(), solverOptions: solver).GetAwaiter().GetResult();
        }));
        // The simulator owns time, re-optimisation and the fleet: the live server's background work would race it.
        for (int i = services.Count - 1; i >= 0; i--)
        {
            var d = services[i];
            if (d.ServiceType == typeof(IHostedService) && (d.ImplementationType == typeof(ReoptimisationLoop)
                    || d.ImplementationType == typeof(ShiftCalendarLoop) || d.ImplementationType == typeof(EngineStartup)))
                services.RemoveAt(i);
        }
        services.AddHostedService<SimulationStartup>();
        services.AddSingleton<SimulationControlService>();
        return builder;
    }

    /// <summary>"lon,lat;lon,lat;…" → the area; null for an empty setting.</summary>
    /// <exception cref="InvalidDataException">The setting is malformed (the message names the corner).</exception>
    internal static ServiceArea? ParseArea(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var corners = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ring = new List<GeoPoint>(corners.Length);
        for (int i = 0; i < corners.Length; i++)
        {
            var parts = corners[i].Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lon) || lon is < -180 or > 180
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double lat) || lat is < -90 or > 90)
                throw new InvalidDataException($"Simulation:ServiceArea corner {i + 1} '{corners[i]}' is not 'lon,lat' in degrees.");
            ring.Add(new GeoPoint(lat, lon));
        }
        if (ring.Count < 3) throw new InvalidDataException($"Simulation:ServiceArea needs at least 3 corners, got {ring.Count}.");
        return new ServiceArea(ring);
    }
}
