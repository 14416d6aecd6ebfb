using DemandMobility.Security;
using DemandMobility.Server.Planner;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using DemandMobility.Server.Services.Cluster;

namespace DemandMobility.Server.Hosting;

public static partial class DispatchServerHost
{
    /// <summary>
    /// Cluster mode: JWT auth, road routing, an in-process Orleans silo hosting the service-area grains, and the
    /// services routed to them, and the control room merged over the areas. No SQLite store, engine singleton or loops:
    /// each area's grain owns its engine, its store and (by reminder) its re-optimisation round.
    /// </summary>
    private static WebApplication CreateCluster(WebApplicationBuilder builder, Action<WebApplicationBuilder>? configure)
    {
        builder.ConfigureServiceEndpoints();
        builder.AddJwtAuth();
        builder.AddRoadRouting();
        builder.AddClusterSilo();
        builder.Services.AddGrpc(o => o.Interceptors.Add<ClientGoneInterceptor>()).AddJsonTranscoding();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        builder.Services.AddSingleton<ManifestVersions>();
        builder.Services.AddSingleton<StreamQuota>();
        builder.Services.AddSingleton<ClusterBookingService>();
        builder.Services.AddSingleton<ClusterFleetService>();
        builder.Services.AddSingleton<ClusterParcelService>();
        builder.Services.AddSingleton<ClusterMonitorService>();
        builder.Services.AddSingleton<ClusterDispatcherService>();
        builder.AddClusterControlRoom();
        builder.AddPlannerJobs(cluster: true);
        bool simulation = builder.Configuration.SimulationSettings().Enabled;
        if (simulation) builder.Services.AddSingleton<ClusterSimulationControlService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<ClusterBookingService>().RequireAuthorization(Policies.Booking);
        app.MapGrpcService<ClusterFleetService>().RequireAuthorization(Policies.Fleet);
        app.MapGrpcService<ClusterParcelService>().RequireAuthorization(Policies.Parcels);
        app.MapGrpcService<ClusterMonitorService>().RequireAuthorization(Policies.Monitor);
        app.MapGrpcService<ClusterDispatcherService>().RequireAuthorization(Roles.Dispatcher);
        app.MapClusterControlRoom();
        app.MapPlannerJobs();
        if (simulation) app.MapGrpcService<ClusterSimulationControlService>().RequireAuthorization(Policies.Simulation);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.Lifetime.ApplicationStarted.Register(() => LogListening(app));
        return app;
    }
}
