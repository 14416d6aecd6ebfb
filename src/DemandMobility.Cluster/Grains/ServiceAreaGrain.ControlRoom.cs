using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    public Task<DispatchResult<BreakdownReport>> TakeOutOfServiceWithReportAsync(CallerIdentity caller, string vehicleId) =>
        Engine.TakeOutOfServiceWithReportAsync(caller, vehicleId);

    public Task<DispatchResult<FleetVehicle>> ExtendShiftAsync(CallerIdentity caller, string vehicleId, DateTimeOffset until) =>
        Engine.ExtendShiftAsync(caller, vehicleId, until);

    public Task<DispatchResult<FleetVehicle>> AddAdHocVehicleAsync(CallerIdentity caller, VehicleRegistration registration) =>
        Engine.AddAdHocVehicleAsync(caller, registration.VehicleId, registration.Capacity, registration.Depot, registration.ShiftEnd);

    public Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since) =>
        Engine.GetAlertLogAsync(caller, since);

    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeAlertAsync(CallerIdentity caller, string alertId, string? note) =>
        Engine.AcknowledgeAlertAsync(caller, alertId, note);

    public Task<DispatchResult<Booking>> CancelBookingWithReasonAsync(CallerIdentity caller, string bookingId, string reason, string? idempotencyKey) =>
        Engine.CancelBookingWithReasonAsync(caller, bookingId, reason, idempotencyKey);

    public Task<DispatchResult<Booking>> MoveBookingAsync(CallerIdentity caller, string bookingId, string vehicleId) =>
        Engine.MoveBookingAsync(caller, bookingId, vehicleId);
}
