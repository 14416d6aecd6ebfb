using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;

namespace DemandMobility.Simulator.Tests.Support;

/// <summary>Passes every call to the in-process engine and records the GPS fixes and stop events, with the simulated time they were sent at.</summary>
internal sealed class RecordingGateway(InProcessGateway inner) : IDispatchGateway
{
    private DateTimeOffset _now;

    public List<(DateTimeOffset At, string VehicleId)> Fixes { get; } = [];
    public List<(DateTimeOffset At, StopEvent Event)> StopEvents { get; } = [];
    public InProcessGateway Inner => inner;
    public string Mode => inner.Mode;

    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _now = now;
        return inner.SetClockAsync(now, cancellationToken);
    }

    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken) => inner.RegisterVehicleAsync(registration, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.StartShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.EndShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken) => inner.RequestQuoteAsync(riderId, request, cancellationToken);
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken) => inner.ConfirmOfferAsync(riderId, offerId, cancellationToken);
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) => inner.CancelBookingAsync(riderId, bookingId, cancellationToken);
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken) => inner.SubmitParcelAsync(shopId, request, cancellationToken);
    public Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken) => inner.GetManifestAsync(vehicleId, cancellationToken);

    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken)
    {
        Fixes.Add((_now, vehicleId));
        return inner.ReportPositionAsync(vehicleId, position, cancellationToken);
    }

    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken)
    {
        StopEvents.Add((_now, stopEvent));
        return inner.ReportStopEventAsync(stopEvent, cancellationToken);
    }

    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) => inner.TakeOutOfServiceAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.GetAlertsAsync(since, cancellationToken);
    public Task SuperviseAsync(CancellationToken cancellationToken) => inner.SuperviseAsync(cancellationToken);
    public Task<bool> ReoptimiseAsync(CancellationToken cancellationToken) => inner.ReoptimiseAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
