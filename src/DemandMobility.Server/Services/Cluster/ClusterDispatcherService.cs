using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// <c>DispatcherService</c> in cluster mode: the same validation and mapping as <see cref="DispatcherService"/>, each
/// action sent to the area its vehicle, booking or alert id names; the alert list merges every area's.
/// </summary>
internal sealed class ClusterDispatcherService(ServiceAreaRouter router, TimeProvider time) : Contracts.V1.DispatcherService.DispatcherServiceBase
{
    private static readonly TimeSpan DefaultAlertWindow = TimeSpan.FromHours(24);

    /// <summary>A breakdown in the vehicle's area: out of service now, its work re-planned, the call-back list.</summary>
    public override async Task<TakeVehicleOutOfServiceResponse> TakeVehicleOutOfService(TakeVehicleOutOfServiceRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        var report = await AreaCall.RunAsync(() => router.TakeOutOfServiceWithReportAsync(caller, vehicleId)).ConfigureAwait(false);
        var response = new TakeVehicleOutOfServiceResponse { Vehicle = ProtoMapping.ToProto(report.Vehicle), Replanned = report.Replanned.Length };
        foreach (var a in report.CallBacks) response.CallBacks.Add(new CallBack { BookingId = a.BookingId ?? "", Reason = a.Message });
        return response;
    }

    /// <summary>Extends the running shift of a vehicle to the requested end.</summary>
    public override async Task<Vehicle> ExtendShift(ExtendShiftRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        if (request.Until is null) throw RpcErrors.Invalid("until", "is required: the shift's new end.");
        var until = RequestValidation.Time(request.Until, "until");
        return ProtoMapping.ToProto(await AreaCall.RunAsync(() => router.ExtendShiftAsync(caller, vehicleId, until)).ConfigureAwait(false));
    }

    /// <summary>Every area's alerts since the requested instant (default: the last 24 hours), oldest first.</summary>
    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        var since = request.Since is null ? time.GetUtcNow() - DefaultAlertWindow : RequestValidation.Time(request.Since, "since");
        var alerts = await AreaCall.RunAsync(() => router.GetAlertLogAsync(caller, since)).ConfigureAwait(false);
        var response = new ListAlertsResponse();
        foreach (var a in alerts) response.Alerts.Add(DispatcherService.ToProto(a));
        return response;
    }

    /// <summary>Acknowledges an alert (area from its id) as the calling dispatcher.</summary>
    public override async Task<Alert> AcknowledgeAlert(AcknowledgeAlertRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        if (string.IsNullOrWhiteSpace(request.AlertId) || request.AlertId.Length > 300) throw RpcErrors.Invalid("alert_id", "must be an alert id from ListAlerts.");
        if (request.AlertId.StartsWith(Dispatch.Engine.DispatchEngine.ComputedAlertPrefix, StringComparison.Ordinal))
            return DispatcherService.ComputedToProto(await AreaCall.RunAsync(() => router.AcknowledgeComputedAlertAsync(caller, request.AlertId, request.Note)).ConfigureAwait(false));
        await AreaCall.RunAsync(() => router.AcknowledgeAlertAsync(caller, request.AlertId, request.Note)).ConfigureAwait(false);
        return DispatcherService.ToProto(await AreaCall.RunAsync(() => router.GetAlertAsync(caller, request.AlertId)).ConfigureAwait(false));
    }

    /// <summary>Cancels with a reason the rider reads.</summary>
    public override async Task<Contracts.V1.Booking> CancelBooking(DispatcherCancelBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string bookingId = RequestValidation.Id(request.BookingId, "booking_id");
        string? key = string.IsNullOrEmpty(request.IdempotencyKey) ? null : RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var booking = await AreaCall.RunAsync(() => router.CancelBookingWithReasonAsync(caller, bookingId, request.Reason, key)).ConfigureAwait(false);
        return await BookingOf(caller, booking.Id).ConfigureAwait(false);
    }

    /// <summary>Moves a booking to another vehicle of its area when every promise holds.</summary>
    public override async Task<Contracts.V1.Booking> MoveBooking(MoveBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        string bookingId = RequestValidation.Id(request.BookingId, "booking_id");
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        var booking = await AreaCall.RunAsync(() => router.MoveBookingAsync(caller, bookingId, vehicleId)).ConfigureAwait(false);
        return await BookingOf(caller, booking.Id).ConfigureAwait(false);
    }

    /// <summary>Registers a vehicle in the area its id names and starts its shift now (the area's engine checks every rule).</summary>
    public override async Task<Vehicle> AddAdHocVehicle(AddAdHocVehicleRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Engine(RpcCaller.Of(context));
        var (vehicleId, capacity, depot, until) = DispatcherService.AdHocVehicleFields(request);
        var registration = new Dispatch.Domain.VehicleRegistration(vehicleId, capacity, depot, time.GetUtcNow(), until);
        var vehicle = await AreaCall.RunAsync(() => router.AddAdHocVehicleAsync(caller, registration)).ConfigureAwait(false);
        return ProtoMapping.ToProto(vehicle, request.DisplayName);
    }

    private async Task<Contracts.V1.Booking> BookingOf(Dispatch.Domain.CallerIdentity caller, string bookingId)
    {
        var view = await AreaCall.RunAsync(() => router.GetBookingAsync(caller, bookingId)).ConfigureAwait(false);
        return ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff);
    }
}
