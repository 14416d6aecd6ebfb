using DemandMobility.Contracts.V1;
using DemandMobility.Rpc;
using DemandMobility.Rpc.Server;

namespace DemandMobility.Server.Services;

/// <summary>Registers and maps the four gRPC services on our <c>DemandMobility.Rpc</c> layer.</summary>
public static class RpcServicesHostExtensions
{
    /// <summary>
    /// Adds the RPC server with the bearer-token interceptor (every call authenticated) and the service classes.
    /// Messages above 4 MiB are refused with RESOURCE_EXHAUSTED by the layer.
    /// </summary>
    public static IHostApplicationBuilder AddDispatchRpcServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRpcServer(o => o.Interceptors.Add(AuthenticationInterceptor.AuthenticateAsync));
        builder.Services.AddSingleton<ManifestVersions>();
        builder.Services.AddSingleton<StreamQuota>();
        builder.Services.AddSingleton<BookingService>();
        builder.Services.AddSingleton<ParcelService>();
        builder.Services.AddSingleton<FleetService>();
        builder.Services.AddSingleton<MonitorService>();
        return builder;
    }

    /// <summary>Maps every RPC of the four services, and UNIMPLEMENTED for unknown services.</summary>
    public static WebApplication MapDispatchRpcServices(this WebApplication app)
    {
        // Resolved on first call, not at mapping time, so that start-up validation reports bad settings first.
        var booking = Lazy<BookingService>(app);
        var parcels = Lazy<ParcelService>(app);
        var fleet = Lazy<FleetService>(app);
        var monitor = Lazy<MonitorService>(app);
        app.MapRpcService(ServerServiceDefinition.CreateBuilder()
            .AddMethod(DispatchMethods.RequestQuote, (r, c) => booking.Value.RequestQuote(r, c))
            .AddMethod(DispatchMethods.ConfirmOffer, (r, c) => booking.Value.ConfirmOffer(r, c))
            .AddMethod(DispatchMethods.CancelBooking, (r, c) => booking.Value.CancelBooking(r, c))
            .AddMethod(DispatchMethods.GetBooking, (r, c) => booking.Value.GetBooking(r, c))
            .AddMethod(DispatchMethods.WatchBooking, (r, w, c) => booking.Value.WatchBooking(r, w, c))
            .AddMethod(DispatchMethods.SubmitParcel, (r, c) => parcels.Value.SubmitParcel(r, c))
            .AddMethod(DispatchMethods.CancelParcel, (r, c) => parcels.Value.CancelParcel(r, c))
            .AddMethod(DispatchMethods.GetParcel, (r, c) => parcels.Value.GetParcel(r, c))
            .AddMethod(DispatchMethods.RegisterVehicle, (r, c) => fleet.Value.RegisterVehicle(r, c))
            .AddMethod(DispatchMethods.StartShift, (r, c) => fleet.Value.StartShift(r, c))
            .AddMethod(DispatchMethods.EndShift, (r, c) => fleet.Value.EndShift(r, c))
            .AddMethod(DispatchMethods.ReportPositions, (IAsyncStreamReader<Contracts.V1.PositionFix> s, ServerCallContext c) => fleet.Value.ReportPositions(s, c))
            .AddMethod(DispatchMethods.WatchManifest, (r, w, c) => fleet.Value.WatchManifest(r, w, c))
            .AddMethod(DispatchMethods.ReportStopEvent, (r, c) => fleet.Value.ReportStopEvent(r, c))
            .AddMethod(DispatchMethods.WatchFleet, (r, w, c) => monitor.Value.WatchFleet(r, w, c))
            .AddMethod(DispatchMethods.GetKpis, (r, c) => monitor.Value.GetKpis(r, c))
            .Build());
        app.MapRpcUnknownServiceFallback();
        return app;
    }

    private static Lazy<T> Lazy<T>(WebApplication app) where T : notnull =>
        new(() => app.Services.GetRequiredService<T>(), LazyThreadSafetyMode.ExecutionAndPublication);
}
