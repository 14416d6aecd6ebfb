using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using DemandMobility.Security;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Configuration;

/// <summary>Registers the DemandMobility options with binding and start-up validation.</summary>
public static class ConfigurationHostExtensions
{
    /// <summary>Prefix of environment variables read as configuration (<c>DM_DataDirectory</c>, <c>DM_Storage__Provider</c>…).</summary>
    public const string EnvironmentPrefix = DemandMobility.Security.DataDirectory.EnvironmentPrefix;

    /// <summary>
    /// Adds <c>DM_*</c> environment variables as configuration and binds and validates (on start) the options
    /// <see cref="StorageOptions"/>, <see cref="RoutingOptions"/>, <see cref="RegionOptions"/>,
    /// <see cref="FleetOptions"/>, <see cref="DispatchOptions"/> and <see cref="JwtOptions"/>.
    /// A bad setting stops the host with an <see cref="OptionsValidationException"/> naming it.
    /// </summary>
    public static IHostApplicationBuilder AddDemandMobilityConfiguration(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        var services = builder.Services;

        services.AddOptions<StorageOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                configuration.GetSection(StorageOptions.SectionName).Bind(options);
                options.DataDirectory = configuration["DataDirectory"] ?? options.DataDirectory;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        Bind<RoutingOptions, RoutingOptionsValidator>(services, RoutingOptions.SectionName);
        Bind<RegionOptions, RegionOptionsValidator>(services, RegionOptions.SectionName);
        Bind<FleetOptions, FleetOptionsValidator>(services, FleetOptions.SectionName);
        Bind<DispatchOptions, DispatchOptionsValidator>(services, DispatchOptions.SectionName);
        Bind<JwtOptions, JwtOptionsValidator>(services, JwtOptions.SectionName);
        return builder;
    }

    private static void Bind<TOptions, TValidator>(IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
