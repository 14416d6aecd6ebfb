using DemandMobility.Cluster.Routing;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using DemandMobility.Server.Services.Cluster;
using DemandMobility.Server.Transit;
using DemandMobility.Transit.Planning;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Cluster mode's control room and rider-facing extras: the console page, its snapshot and push feed merged over
/// every service area (<see cref="ClusterConsoleSource"/>), the rider app, the place search over the region's names
/// (one index for all areas) and intermodal journeys whose on-demand legs go to the area of their origin
/// (<see cref="ClusterOnDemandTrips"/>).
/// </summary>
public static class ClusterControlRoomHostExtensions
{
    /// <summary>Registers the console feed, the place search and the journey planner over the service areas.</summary>
    public static IHostApplicationBuilder AddClusterControlRoom(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConsoleSource>(sp => new ClusterConsoleSource(sp.GetRequiredService<ServiceAreaRouter>()));
        builder.AddConsoleFeed();
        builder.Services.AddSingleton<IOnDemandTrips>(sp => new ClusterOnDemandTrips(sp.GetRequiredService<ServiceAreaRouter>()));
        builder.AddJourneyPlanning();
        builder.Services.AddSingleton<PlaceService>();
        return builder;
    }

    /// <summary>Maps <c>JourneyService</c> and <c>PlaceService</c> with the single-process policies, and the dashboard when enabled.</summary>
    public static WebApplication MapClusterControlRoom(this WebApplication app)
    {
        app.MapGrpcService<JourneyGrpcService>().RequireAuthorization(Policies.Booking);
        app.MapGrpcService<PlaceService>().RequireAuthorization(Policies.Places);
        app.MapDashboard();
        return app;
    }
}
