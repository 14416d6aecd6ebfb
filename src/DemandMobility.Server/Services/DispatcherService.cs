using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using Grpc.Core;

namespace DemandMobility.Server.Services;

/// <summary>
/// <c>demandmobility.v1.DispatcherService</c>: the control room's actions and alerts (dispatchers only). It only maps:
/// the engine decides, stores the events under the caller's id and raises the alerts.
/// </summary>
internal sealed class DispatcherService(DispatchEngine engine, TimeProvider time) : Contracts.V1.DispatcherService.DispatcherServiceBase
{
    private static readonly TimeSpan DefaultAlertWindow = TimeSpan.FromHours(24);

    /// <summary>A breakdown: out of service now, its work re-planned, the bookings that could not be kept listed for a call-back.</summary>
    public override async Task<TakeVehicleOutOfServiceResponse> TakeVehicleOutOfService(TakeVehicleOutOfServiceRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        var report = RpcErrors.Unwrap(await engine.TakeOutOfServiceWithReportAsync(RpcCaller.Engine(caller), vehicleId, context.CancellationToken).ConfigureAwait(false));
        var response = new TakeVehicleOutOfServiceResponse { Vehicle = ProtoMapping.ToProto(report.Vehicle), Replanned = report.Replanned.Length };
        foreach (var a in report.CallBacks) response.CallBacks.Add(new CallBack { BookingId = a.BookingId ?? "", Reason = a.Message });
        return response;
    }

    /// <summary>The engine's alerts since the requested instant (default: the last 24 hours), oldest first.</summary>
    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var since = request.Since is null ? time.GetUtcNow() - DefaultAlertWindow : RequestValidation.Time(request.Since, "since");
        var alerts = RpcErrors.Unwrap(await engine.GetAlertsAsync(RpcCaller.Engine(caller), since, context.CancellationToken).ConfigureAwait(false));
        var response = new ListAlertsResponse();
        foreach (var a in alerts) response.Alerts.Add(ToProto(a));
        return response;
    }

    private static Alert ToProto(DispatchAlert a) => new()
    {
        At = ProtoMapping.ToTimestamp(a.At),
        Kind = RpcErrors.SnakeCase(a.Kind.ToString()),
        VehicleId = a.VehicleId ?? "",
        BookingId = a.BookingId ?? "",
        Message = a.Message,
    };
}
