using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>The control room's actions of an area (engine ids, area-local).</summary>
public partial interface IServiceAreaGrain
{
    /// <summary>See <c>DispatchEngine.TakeOutOfServiceWithReportAsync</c>.</summary>
    [Alias("TakeOutOfServiceWithReport")]
    Task<DispatchResult<BreakdownReport>> TakeOutOfServiceWithReportAsync(CallerIdentity caller, string vehicleId);

    /// <summary>See <c>DispatchEngine.ExtendShiftAsync</c>.</summary>
    [Alias("ExtendShift")]
    Task<DispatchResult<FleetVehicle>> ExtendShiftAsync(CallerIdentity caller, string vehicleId, DateTimeOffset until);

    /// <summary>See <c>DispatchEngine.AddAdHocVehicleAsync</c>: the registration's id, capacity, depot and shift end (the shift starts now).</summary>
    [Alias("AddAdHocVehicle")]
    Task<DispatchResult<FleetVehicle>> AddAdHocVehicleAsync(CallerIdentity caller, VehicleRegistration registration);

    /// <summary>See <c>DispatchEngine.GetAlertLogAsync</c>.</summary>
    [Alias("GetAlertLog")]
    Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since);

    /// <summary>See <c>DispatchEngine.AcknowledgeAlertAsync</c>.</summary>
    [Alias("AcknowledgeAlert")]
    Task<DispatchResult<AlertAcknowledgement>> AcknowledgeAlertAsync(CallerIdentity caller, string alertId, string? note);

    /// <summary>See <c>DispatchEngine.CancelBookingWithReasonAsync</c>.</summary>
    [Alias("CancelBookingWithReason")]
    Task<DispatchResult<Booking>> CancelBookingWithReasonAsync(CallerIdentity caller, string bookingId, string reason, string? idempotencyKey);

    /// <summary>See <c>DispatchEngine.MoveBookingAsync</c>.</summary>
    [Alias("MoveBooking")]
    Task<DispatchResult<Booking>> MoveBookingAsync(CallerIdentity caller, string bookingId, string vehicleId);
}
