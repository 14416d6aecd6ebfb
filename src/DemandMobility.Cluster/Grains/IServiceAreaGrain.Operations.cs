using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>The driver, rider and dispatcher calls of an area (engine ids, area-local).</summary>
public partial interface IServiceAreaGrain
{
    /// <summary>See <c>DispatchEngine.EndShiftAsync</c> (or <c>TakeOutOfServiceAsync</c> when <paramref name="outOfService"/>).</summary>
    [Alias("EndShift")]
    Task<DispatchResult<FleetVehicle>> EndShiftAsync(CallerIdentity caller, string vehicleId, bool outOfService);

    /// <summary>Applies a batch of GPS fixes in order (see <see cref="PositionBatchResult"/>).</summary>
    [Alias("ReportPositions")]
    Task<PositionBatchResult> ReportPositionsAsync(CallerIdentity caller, ImmutableArray<PositionReport> fixes);

    /// <summary>See <c>DispatchEngine.GetManifestAsync</c>.</summary>
    [Alias("GetManifest")]
    Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId);

    /// <summary>
    /// See <c>DispatchEngine.ReportStopEventAsync</c>. <paramref name="occurredAt"/> is the event's time as the client
    /// reported it: in simulation mode the area's clock moves forward to it first (the simulated time of the event, so
    /// the simulator needs no cluster-wide <c>SetClock</c> per stop event); a live cluster ignores it (the engine stamps
    /// an event with its own clock, device clocks drift).
    /// </summary>
    [Alias("ReportStopEvent")]
    Task<DispatchResult<StopEventResult>> ReportStopEventAsync(CallerIdentity caller, StopEvent stopEvent, string? idempotencyKey, DateTimeOffset? occurredAt);

    /// <summary>
    /// The manifest now and after every change (<c>DispatchEngine.WatchManifestAsync</c>); a refusal is the only
    /// element. The stream fails when the activation ends (the area moves): the caller reconnects.
    /// </summary>
    [Alias("WatchManifest")]
    IAsyncEnumerable<DispatchResult<ManifestView>> WatchManifestAsync(CallerIdentity caller, string vehicleId);

    /// <summary>See <c>DispatchEngine.GetConfirmedBookingAsync</c>.</summary>
    [Alias("GetConfirmedBooking")]
    Task<DispatchResult<BookingView>> GetConfirmedBookingAsync(CallerIdentity caller, string bookingId);

    /// <summary>
    /// A confirmed booking now and after every change until it ends (<c>DispatchEngine.WatchConfirmedBookingAsync</c>);
    /// a refusal is the only element; fails when the activation ends.
    /// </summary>
    [Alias("WatchBooking")]
    IAsyncEnumerable<DispatchResult<BookingView>> WatchBookingAsync(CallerIdentity caller, string bookingId);

    /// <summary>See <c>DispatchEngine.SubmitParcelAsync</c>.</summary>
    [Alias("SubmitParcel")]
    Task<DispatchResult<Parcel>> SubmitParcelAsync(CallerIdentity caller, ParcelRequest request, string? idempotencyKey);

    /// <summary>See <c>DispatchEngine.CancelParcelAsync</c>.</summary>
    [Alias("CancelParcel")]
    Task<DispatchResult<Parcel>> CancelParcelAsync(CallerIdentity caller, string parcelId);

    /// <summary>See <c>DispatchEngine.GetParcelAsync</c>.</summary>
    [Alias("GetParcel")]
    Task<DispatchResult<ParcelView>> GetParcelAsync(CallerIdentity caller, string parcelId);

    /// <summary>See <c>DispatchEngine.GetKpisAsync</c> for [from, to).</summary>
    [Alias("GetKpis")]
    Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to);

    /// <summary>The fleet now and after every change (<c>DispatchEngine.WatchFleetAsync</c>); fails when the activation ends.</summary>
    [Alias("WatchFleet")]
    IAsyncEnumerable<DispatchResult<FleetView>> WatchFleetAsync(CallerIdentity caller);
}
