using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

/// <summary>The control room's actions: by the area of the vehicle, booking or alert id; the alert list from every area.</summary>
public sealed partial class ServiceAreaRouter
{
    /// <summary>A breakdown in the vehicle's area; re-planned bookings and call-backs come back area-scoped.</summary>
    public Task<DispatchResult<BreakdownReport>> TakeOutOfServiceWithReportAsync(CallerIdentity caller, string vehicleId) =>
        RouteAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).TakeOutOfServiceWithReportAsync(Localise(caller), local),
            (area, r) => r with
            {
                Vehicle = Scope(area, r.Vehicle),
                Replanned = [.. r.Replanned.Select(id => AreaScopedId.Compose(area, id))],
                CallBacks = [.. r.CallBacks.Select(a => Scope(area, a))],
            });

    /// <summary>Extends the vehicle's running shift (area from its id).</summary>
    public Task<DispatchResult<FleetVehicle>> ExtendShiftAsync(CallerIdentity caller, string vehicleId, DateTimeOffset until) =>
        RouteAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).ExtendShiftAsync(Localise(caller), local, until), Scope);

    /// <summary>
    /// An ad-hoc vehicle in the area its id names (<c>area.vehicle</c>); its depot must lie in that area, because the
    /// area's engine plans only inside it.
    /// </summary>
    public Task<DispatchResult<FleetVehicle>> AddAdHocVehicleAsync(CallerIdentity caller, VehicleRegistration registration) =>
        RouteAsync("vehicleId", "Vehicle", registration.VehicleId, (area, local) =>
            areas.AreaOf(registration.Depot)?.Id == area
                ? Area(area).AddAdHocVehicleAsync(Localise(caller), registration with { VehicleId = local })
                : Task.FromResult<DispatchResult<FleetVehicle>>(DispatchError.Invalid("depot", $"The depot {registration.Depot} lies outside service area '{area}'.")),
            Scope);

    /// <summary>Every area's alerts since <paramref name="since"/>, oldest first, with area-scoped alert, vehicle and booking ids.</summary>
    public async Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since)
    {
        var ids = areas.Areas.Select(a => a.Id).ToList();
        var logs = await Task.WhenAll(ids.Select(id => Area(id).GetAlertLogAsync(Localise(caller), since))).ConfigureAwait(false);
        var merged = new List<AlertEntry>();
        for (int i = 0; i < ids.Count; i++)
        {
            var log = logs[i];
            if (!log.IsSuccess) return log.Error;
            merged.AddRange(log.Value.Select(e => Scope(ids[i], e)));
        }
        return merged.OrderBy(e => e.Alert.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Acknowledges an alert in the area its id names.</summary>
    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeAlertAsync(CallerIdentity caller, string alertId, string? note) =>
        RouteAsync("alertId", "Alert", alertId, (area, local) => Area(area).AcknowledgeAlertAsync(Localise(caller), local, note),
            (area, a) => a with { AlertId = AreaScopedId.Compose(area, a.AlertId) });

    /// <summary>One alert (area-scoped id) with its acknowledgement, or NotFound.</summary>
    public async Task<DispatchResult<AlertEntry>> GetAlertAsync(CallerIdentity caller, string alertId)
    {
        if (!AreaScopedId.TryParse(alertId, out var areaId, out var local) || areas.Find(areaId) is null) return DispatchError.NotFound("Alert", alertId);
        var log = await Area(areaId).GetAlertLogAsync(Localise(caller), DateTimeOffset.MinValue).ConfigureAwait(false);
        if (!log.IsSuccess) return log.Error;
        return log.Value!.FirstOrDefault(e => e.Id == local) is { } entry ? Scope(areaId, entry) : DispatchError.NotFound("Alert", alertId);
    }

    /// <summary>Cancels with a reason the rider reads (area from the booking id).</summary>
    public Task<DispatchResult<Booking>> CancelBookingWithReasonAsync(CallerIdentity caller, string bookingId, string reason, string? idempotencyKey) =>
        RouteAsync("bookingId", "Booking", bookingId, (area, local) => Area(area).CancelBookingWithReasonAsync(Localise(caller), local, reason, idempotencyKey), Scope);

    /// <summary>Moves a booking to another vehicle of the same area; a vehicle of another area is InvalidArgument.</summary>
    public Task<DispatchResult<Booking>> MoveBookingAsync(CallerIdentity caller, string bookingId, string vehicleId) =>
        RouteAsync("bookingId", "Booking", bookingId, async (area, local) =>
        {
            if (!AreaScopedId.TryParse(vehicleId, out var vehicleArea, out var localVehicle) || vehicleArea != area)
                return DispatchError.Invalid("vehicleId", $"Vehicle '{vehicleId}' is not a vehicle of service area '{area}', where booking '{bookingId}' is planned.");
            return await Area(area).MoveBookingAsync(Localise(caller), local, localVehicle).ConfigureAwait(false);
        }, Scope);

    private static DispatchAlert Scope(string area, DispatchAlert a) => a with
    {
        VehicleId = a.VehicleId is null ? null : AreaScopedId.Compose(area, a.VehicleId),
        BookingId = a.BookingId is null ? null : AreaScopedId.Compose(area, a.BookingId),
    };

    private static AlertEntry Scope(string area, AlertEntry e) => e with
    {
        Id = AreaScopedId.Compose(area, e.Id),
        Alert = Scope(area, e.Alert),
        Acknowledgement = e.Acknowledgement is null ? null : e.Acknowledgement with { AlertId = AreaScopedId.Compose(area, e.Acknowledgement.AlertId) },
    };
}
