using DemandMobility.Security;
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

    /// <summary>Extends the running shift of a vehicle to the requested end.</summary>
    public override async Task<Vehicle> ExtendShift(ExtendShiftRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        if (request.Until is null) throw RpcErrors.Invalid("until", "is required: the shift's new end.");
        var until = RequestValidation.Time(request.Until, "until");
        var vehicle = RpcErrors.Unwrap(await engine.ExtendShiftAsync(RpcCaller.Engine(caller), vehicleId, until, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(vehicle);
    }

    /// <summary>The engine's alerts since the requested instant (default: the last 24 hours), oldest first.</summary>
    public override async Task<ListAlertsResponse> ListAlerts(ListAlertsRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var since = request.Since is null ? time.GetUtcNow() - DefaultAlertWindow : RequestValidation.Time(request.Since, "since");
        var alerts = RpcErrors.Unwrap(await engine.GetAlertLogAsync(RpcCaller.Engine(caller), since, context.CancellationToken).ConfigureAwait(false));
        var response = new ListAlertsResponse();
        foreach (var a in alerts) response.Alerts.Add(ToProto(a));
        return response;
    }

    /// <summary>Acknowledges an alert as the calling dispatcher; answers the alert with its acknowledgement.</summary>
    public override async Task<Alert> AcknowledgeAlert(AcknowledgeAlertRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        if (string.IsNullOrWhiteSpace(request.AlertId) || request.AlertId.Length > 300) throw RpcErrors.Invalid("alert_id", "must be an alert id from ListAlerts.");
        var engineCaller = RpcCaller.Engine(caller);
        if (request.AlertId.StartsWith(DispatchEngine.ComputedAlertPrefix, StringComparison.Ordinal))
            return ComputedToProto(RpcErrors.Unwrap(await engine.AcknowledgeComputedAlertAsync(engineCaller, request.AlertId, request.Note, context.CancellationToken).ConfigureAwait(false)));
        RpcErrors.Unwrap(await engine.AcknowledgeAlertAsync(engineCaller, request.AlertId, request.Note, context.CancellationToken).ConfigureAwait(false));
        var log = RpcErrors.Unwrap(await engine.GetAlertLogAsync(engineCaller, DateTimeOffset.MinValue, context.CancellationToken).ConfigureAwait(false));
        return ToProto(log.First(e => e.Id == request.AlertId));
    }

    /// <summary>Cancels with a reason the rider reads.</summary>
    public override async Task<Contracts.V1.Booking> CancelBooking(DispatcherCancelBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string bookingId = RequestValidation.Id(request.BookingId, "booking_id");
        string? key = string.IsNullOrEmpty(request.IdempotencyKey) ? null : RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var booking = RpcErrors.Unwrap(await engine.CancelBookingWithReasonAsync(RpcCaller.Engine(caller), bookingId, request.Reason, key, context.CancellationToken).ConfigureAwait(false));
        return await BookingOf(caller, booking.Id, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a booking to another vehicle when every promise holds.</summary>
    public override async Task<Contracts.V1.Booking> MoveBooking(MoveBookingRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string bookingId = RequestValidation.Id(request.BookingId, "booking_id");
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        var booking = RpcErrors.Unwrap(await engine.MoveBookingAsync(RpcCaller.Engine(caller), bookingId, vehicleId, context.CancellationToken).ConfigureAwait(false));
        return await BookingOf(caller, booking.Id, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers a vehicle and starts its shift now (the engine checks every rule in one command).</summary>
    public override async Task<Vehicle> AddAdHocVehicle(AddAdHocVehicleRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var (vehicleId, capacity, depot, until) = AdHocVehicleFields(request);
        if (engine.Options.ServiceArea is { } area && !area.Contains(depot))
            throw RpcErrors.Invalid("depot", $"{depot} lies outside the service area.");
        var vehicle = RpcErrors.Unwrap(await engine.AddAdHocVehicleAsync(RpcCaller.Engine(caller), vehicleId, capacity, depot, until, context.CancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(vehicle, request.DisplayName);
    }

    private async Task<Contracts.V1.Booking> BookingOf(CallerContext caller, string bookingId, CancellationToken cancellationToken)
    {
        var view = RpcErrors.Unwrap(await engine.GetBookingAsync(RpcCaller.Engine(caller), bookingId, cancellationToken).ConfigureAwait(false));
        return ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff);
    }

    /// <summary>The ad-hoc vehicle request's fields, validated (both server modes).</summary>
    internal static (string VehicleId, Optimization.Model.LoadVector Capacity, Dispatch.Geo.GeoPoint Depot, DateTimeOffset Until) AdHocVehicleFields(AddAdHocVehicleRequest request)
    {
        string vehicleId = RequestValidation.VehicleId(request.VehicleId, "vehicle_id");
        if (request.Capacity is null) throw RpcErrors.Invalid("capacity", "is required.");
        var c = request.Capacity;
        var capacity = new Optimization.Model.LoadVector(
            RequestValidation.Range(c.Seats, 1, 60, "capacity.seats"),
            RequestValidation.Range(c.WheelchairPlaces, 0, 4, "capacity.wheelchair_places"),
            RequestValidation.Range(c.ParcelUnits, 0, 50, "capacity.parcel_units"),
            RequestValidation.Range(c.Luggage, 0, 10, "capacity.luggage"));
        var depot = RequestValidation.Point(request.Depot, "depot");
        RequestValidation.MaxLength(request.DisplayName, 64, "display_name");
        if (request.Until is null) throw RpcErrors.Invalid("until", "is required: the end of the shift started now.");
        return (vehicleId, capacity, depot, RequestValidation.Time(request.Until, "until"));
    }

    /// <summary>A computed alert's acknowledgement: its kind is the id's first segment after the prefix.</summary>
    internal static Alert ComputedToProto(AlertAcknowledgement ack)
    {
        string rest = ack.AlertId[DispatchEngine.ComputedAlertPrefix.Length..];
        return new Alert
        {
            AlertId = ack.AlertId,
            At = ProtoMapping.ToTimestamp(ack.At),
            Kind = rest.Split('/')[0],
            AcknowledgedBy = ack.By,
            AcknowledgedAt = ProtoMapping.ToTimestamp(ack.At),
            AcknowledgementNote = ack.Note ?? "",
        };
    }

    internal static Alert ToProto(AlertEntry e)
    {
        var a = e.Alert;
        var alert = new Alert
        {
            AlertId = e.Id,
            At = ProtoMapping.ToTimestamp(a.At),
            Kind = AlertKindNames.Of(a.Kind),
            VehicleId = a.VehicleId ?? "",
            BookingId = a.BookingId ?? "",
            Message = a.Message,
        };
        if (e.Acknowledgement is { } ack)
        {
            alert.AcknowledgedBy = ack.By;
            alert.AcknowledgedAt = ProtoMapping.ToTimestamp(ack.At);
            alert.AcknowledgementNote = ack.Note ?? "";
        }
        return alert;
    }
}
