using DemandMobility.Dispatch.Persistence;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Persistence;

/// <summary>Registers the configured <see cref="IDispatchStore"/>.</summary>
public static class PersistenceHostExtensions
{
    /// <summary>
    /// Registers <see cref="IDispatchStore"/> as a singleton: <see cref="SqliteDispatchStore"/> at
    /// <see cref="StorageOptions.SqlitePath"/> or <see cref="PostgresDispatchStore"/>, per <c>Storage:Provider</c>.
    /// The store is opened (schema created or migrated) when first resolved; resolve it during start-up so that
    /// a foreign or newer database stops the host with a <see cref="DispatchStoreException"/> naming it.
    /// Call after <see cref="ConfigurationHostExtensions.AddDemandMobilityConfiguration"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDispatchStore(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IDispatchStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            // Opening is async but runs once at start-up outside any synchronisation context, so blocking is safe here.
            return options.Provider switch
            {
                StorageProvider.Postgres => PostgresDispatchStore.OpenAsync(options.PostgresConnectionString, options.PostgresSchema)
                    .GetAwaiter().GetResult(),
                _ => SqliteDispatchStore.OpenAsync(options.SqlitePath).GetAwaiter().GetResult(),
            };
        });
        return builder;
    }
}
