using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>Registers the dispatch engine, its start-up (replay + default fleet) and the re-optimisation loop.</summary>
public static class EngineHostExtensions
{
    /// <summary>
    /// Registers <see cref="DispatchEngine"/> as a singleton opened over <see cref="IDispatchStore"/> (which replays
    /// the event log, so a restart restores every booking and plan), <see cref="EngineStartup"/> (opens it when
    /// the host starts and registers the configured fleet) and <see cref="ReoptimisationLoop"/>.
    /// The clock is the registered <see cref="TimeProvider"/>; ids come from an unseeded <see cref="Random"/>
    /// unless one is registered (tests and simulations register a seeded one).
    /// </summary>
    public static IHostApplicationBuilder AddDispatchEngine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new Random());
        services.AddSingleton(sp =>
        {
            var dispatch = sp.GetRequiredService<IOptions<Configuration.DispatchOptions>>().Value;
            var region = sp.GetRequiredService<IOptions<RegionOptions>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Opening replays the log; it runs once during start-up outside any synchronisation context.
            return DispatchEngine.OpenAsync(
                EngineSettingsMapping.ToEngineOptions(dispatch, region) with
                {
                    StopNames = sp.GetService<RegionPlaces>()?.Namer,
                    // Travellers' keys live beside the store, so names survive a restart and erasure deletes a file.
                    PersonalData = new Storage.FilePersonalDataVault(storage.ResolvedDataDirectory),
                },
                sp.GetRequiredService<ITravelTimeService>(),
                sp.GetRequiredService<IDispatchStore>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Random>(),
                snapshots: new EngineSnapshotPolicy(storage.SnapshotEveryEvents)).GetAwaiter().GetResult();
        });
        services.AddHostedService<EngineStartup>();
        services.AddHostedService<ReoptimisationLoop>();
        services.AddHostedService<ShiftCalendarLoop>();
        return builder;
    }
}
