using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary>Registers and maps the dispatch gRPC services (grpc-dotnet), with reflection, health, gRPC-Web and JSON transcoding.</summary>
public static class RpcServicesHostExtensions
{
    /// <summary>
    /// Adds gRPC with JSON transcoding (the <c>google.api.http</c> routes of the read RPCs), server reflection and the
    /// standard health service. Messages above 4 MiB are refused with RESOURCE_EXHAUSTED (the grpc-dotnet default).
    /// </summary>
    public static IHostApplicationBuilder AddDispatchRpcServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddGrpc(o => o.Interceptors.Add<ClientGoneInterceptor>()).AddJsonTranscoding();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<EngineHealthCheck>("dispatch");
        builder.Services.AddSingleton<ManifestVersions>();
        builder.Services.AddSingleton<StreamQuota>();
        // One instance each (they hold no per-call state), created on the first call so start-up validation reports bad settings first.
        builder.Services.AddSingleton<BookingService>();
        builder.Services.AddSingleton<ParcelService>();
        builder.Services.AddSingleton<FleetService>();
        builder.Services.AddSingleton<MonitorService>();
        builder.Services.AddSingleton<DispatcherService>();
        builder.Services.AddSingleton<PlaceService>();
        return builder;
    }

    /// <summary>
    /// Maps every service with its caller policy (a call without a valid token is UNAUTHENTICATED, another role
    /// PERMISSION_DENIED), gRPC-Web for browsers, and reflection and health without a token (tools and probes).
    /// Unknown services and methods answer UNIMPLEMENTED.
    /// </summary>
    public static WebApplication MapDispatchRpcServices(this WebApplication app)
    {
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        app.MapGrpcService<BookingService>().RequireAuthorization(Policies.Booking);
        app.MapGrpcService<ParcelService>().RequireAuthorization(Policies.Parcels);
        app.MapGrpcService<FleetService>().RequireAuthorization(Policies.Fleet);
        app.MapGrpcService<MonitorService>().RequireAuthorization(Policies.Monitor);
        app.MapGrpcService<DispatcherService>().RequireAuthorization(Roles.Dispatcher);
        app.MapGrpcService<PlaceService>().RequireAuthorization(Policies.Places);
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }
}
