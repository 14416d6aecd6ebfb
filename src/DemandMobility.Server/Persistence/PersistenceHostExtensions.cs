using DemandMobility.Dispatch.Persistence;
using DemandMobility.Server.Configuration;
using DemandMobility.Security;
using DemandMobility.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Persistence;

/// <summary>Registers the configured <see cref="IDispatchStore"/>.</summary>
public static class PersistenceHostExtensions
{
    /// <summary>
    /// Registers <see cref="IDurableDispatchStore"/> (also as <see cref="IDispatchStore"/>) as a singleton opened by
    /// <see cref="StoreGuard"/>: <see cref="SqliteDispatchStore"/> at <see cref="StorageOptions.SqlitePath"/> or
    /// <see cref="PostgresDispatchStore"/>, per <c>Storage:Provider</c>, refusing to start on a missing or foreign store
    /// unless <c>Storage:CreateNew</c>. <see cref="StoreMaintenance"/> opens it first thing at start (before anything
    /// else writes to the data folder), checkpoints the SQLite WAL and snapshots on shutdown.
    /// Call after <see cref="ConfigurationHostExtensions.AddDemandMobilityConfiguration"/> and before the other modules.
    /// </summary>
    public static IHostApplicationBuilder AddDispatchStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDurableDispatchStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var directory = options.ResolvedDataDirectory;
            // A restore staged by a planner job (verified when staged, again now) replaces the SQLite store before it opens.
            if (options.Provider != StorageProvider.Postgres)
            {
                var restored = StagedRestore.ApplyPendingAsync(directory, options.SqliteFileName).GetAwaiter().GetResult();
                if (restored is not null)
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PersistenceHostExtensions)).LogWarning(
                        "Restored the staged backup into {Store}: {Events} events; the previous store is kept as {Aside}.",
                        restored.File, restored.Verification.Events, restored.SetAside ?? "(none)");
            }
            var settings = new StoreSettings(
                directory,
                options.Provider == StorageProvider.Postgres ? null : options.SqlitePath,
                options.PostgresConnectionString,
                options.PostgresSchema,
                options.CreateNew,
                [Path.Combine(directory, JwtOptions.DefaultKeyFileName)]);
            // Opening is async but runs once at start-up outside any synchronisation context, so blocking is safe here.
            return StoreGuard.OpenAsync(settings).GetAwaiter().GetResult();
        });
        builder.Services.AddSingleton<IDispatchStore>(sp => sp.GetRequiredService<IDurableDispatchStore>());
        builder.Services.AddHostedService<StoreMaintenance>();
        return builder;
    }
}
