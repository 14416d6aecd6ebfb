using DemandMobility.Server.Configuration;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Security;
using DemandMobility.Transit.Planning;

namespace DemandMobility.Server.Transit;

/// <summary>Registers and maps <c>JourneyService</c> with the timetable of <c>Transit:Feed</c>.</summary>
public static class TransitHostExtensions
{
    /// <summary>
    /// Binds and checks <c>Transit</c>, loads the timetable when the host starts (after the engine), registers the service
    /// and follows the real-time feed when one is configured.
    /// </summary>
    public static IHostApplicationBuilder AddTransitJourneys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IOnDemandTrips>(sp => new EngineOnDemandTrips(sp.GetRequiredService<DispatchEngine>()));
        builder.AddJourneyPlanning();
        builder.Services.AddHostedService<RealtimeConnectionLoop>();
        return builder;
    }

    /// <summary>
    /// The timetable, the planner and <c>JourneyService</c> over the registered <see cref="IOnDemandTrips"/> (one engine,
    /// or the service areas of a cluster), without the real-time loop, which follows one engine's bookings.
    /// </summary>
    public static IHostApplicationBuilder AddJourneyPlanning(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TransitOptions>().BindConfiguration(TransitOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TransitOptions>, TransitOptionsValidator>();
        builder.Services.AddSingleton<TransitPlanning>();
        builder.Services.AddSingleton<PlannedJourneys>();
        builder.Services.AddSingleton<JourneyGrpcService>();
        builder.Services.AddHostedService<TransitStartup>();
        return builder;
    }

    /// <summary>Maps the service for riders (own journeys) and dispatchers, as BookingService.</summary>
    public static WebApplication MapTransitJourneys(this WebApplication app)
    {
        app.MapGrpcService<JourneyGrpcService>().RequireAuthorization(Policies.Booking);
        return app;
    }
}
