using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// The one owner of a service area's dispatch engine (grain key = area id). Ids here are the engine's own
/// (area-local); <see cref="Routing.ServiceAreaRouter"/> adds and strips the area prefix.
/// </summary>
[Alias("DemandMobility.Cluster.IServiceAreaGrain")]
public partial interface IServiceAreaGrain : IGrainWithStringKey
{
    /// <summary>See <c>DispatchEngine.RequestQuoteAsync</c>.</summary>
    [Alias("RequestQuote")]
    Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, string? idempotencyKey);

    /// <summary>See <c>DispatchEngine.ConfirmOfferAsync</c>.</summary>
    [Alias("ConfirmOffer")]
    Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, string? idempotencyKey);

    /// <summary>See <c>DispatchEngine.CancelBookingAsync</c>.</summary>
    [Alias("CancelBooking")]
    Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, string? idempotencyKey);

    /// <summary>See <c>DispatchEngine.GetBookingAsync</c>.</summary>
    [Alias("GetBooking")]
    Task<DispatchResult<BookingView>> GetBookingAsync(CallerIdentity caller, string bookingId);

    /// <summary>See <c>DispatchEngine.RegisterVehicleAsync</c>.</summary>
    [Alias("RegisterVehicle")]
    Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(CallerIdentity caller, VehicleRegistration registration);

    /// <summary>See <c>DispatchEngine.StartShiftAsync</c>.</summary>
    [Alias("StartShift")]
    Task<DispatchResult<FleetVehicle>> StartShiftAsync(CallerIdentity caller, string vehicleId);

    /// <summary>See <c>DispatchEngine.GetFleetAsync</c>.</summary>
    [Alias("GetFleet")]
    Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller);

    /// <summary>Where and from what this activation was built (placement and replay checks, operations).</summary>
    [Alias("Describe")]
    Task<AreaActivation> DescribeAsync();
}
