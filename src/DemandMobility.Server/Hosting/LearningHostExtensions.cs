using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>Registers learning travel times from the fleet when <c>Learning:Enabled</c> is true.</summary>
public static class LearningHostExtensions
{
    /// <summary>
    /// Binds <see cref="LearningSettings"/> and registers <see cref="TravelTimeLearning"/> over the profile router (its
    /// evidence in <c>&lt;DataDirectory&gt;/&lt;Learning:FileName&gt;</c>) and <see cref="LearningLoop"/>. When enabled,
    /// the learning's swappable service is the dispatcher's <see cref="ITravelTimeService"/>; otherwise the profile
    /// router's. The switch is read when services are resolved, so configuration added after registration counts.
    /// </summary>
    public static IHostApplicationBuilder AddTravelTimeLearning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LearningSettings>().BindConfiguration(LearningSettings.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LearningSettings>, LearningSettingsValidator>();
        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<LearningSettings>>().Value;
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            Directory.CreateDirectory(storage.ResolvedDataDirectory);
            return new TravelTimeLearning(sp.GetRequiredService<RoadRouter>(), new LearningOptions
            {
                FilePath = Path.Combine(storage.ResolvedDataDirectory, settings.FileName),
                Interval = settings.Interval,
                TimeZone = settings.TimeZone,
            });
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<ITravelTimeService>(sp =>
            sp.GetRequiredService<IOptions<LearningSettings>>().Value.Enabled
                ? sp.GetRequiredService<TravelTimeLearning>().Travel
                : new RoadRouterTravelTimeService(sp.GetRequiredService<RoadRouter>())));
        builder.Services.AddHostedService<LearningLoop>();
        return builder;
    }
}
