using System.Collections.Concurrent;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;

namespace DemandMobility.Simulator.Tests.Support;

/// <summary>
/// Passes every call to the real gateway and records what concurrency tests check: the most quotes and the most
/// manifest reads in flight at once, the quotes asked per rider, and every booking the server confirmed.
/// </summary>
internal sealed class ConcurrencyProbeGateway(IDispatchGateway inner) : IDispatchGateway
{
    private int _inFlight;
    private int _maxInFlight;
    private int _manifestsInFlight;
    private int _maxManifestsInFlight;

    public ConcurrentDictionary<string, int> QuotesByRider { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> ConfirmedByRider { get; } = new(StringComparer.Ordinal);

    public int MaxQuotesInFlight => Volatile.Read(ref _maxInFlight);

    public int MaxManifestsInFlight => Volatile.Read(ref _maxManifestsInFlight);

    public string Mode => inner.Mode;

    public string? AreaOf(GeoPoint point) => inner.AreaOf(point);

    public int RetriedCalls => inner.RetriedCalls;

    public async Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken)
    {
        QuotesByRider.AddOrUpdate(riderId, 1, (_, n) => n + 1);
        Enter(ref _inFlight, ref _maxInFlight);
        try { return await inner.RequestQuoteAsync(riderId, request, cancellationToken); }
        finally { Interlocked.Decrement(ref _inFlight); }
    }

    public async Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken)
    {
        var result = await inner.ConfirmOfferAsync(riderId, offerId, cancellationToken);
        if (result.IsSuccess && !ConfirmedByRider.TryAdd(riderId, result.Value!.Id))
            throw new InvalidOperationException($"rider {riderId} confirmed a second booking");
        return result;
    }

    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.SetClockAsync(now, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken) => inner.RegisterVehicleAsync(registration, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.StartShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.EndShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) => inner.CancelBookingAsync(riderId, bookingId, cancellationToken);
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken) => inner.SubmitParcelAsync(shopId, request, cancellationToken);
    public async Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken)
    {
        Enter(ref _manifestsInFlight, ref _maxManifestsInFlight);
        try { return await inner.GetManifestAsync(vehicleId, cancellationToken); }
        finally { Interlocked.Decrement(ref _manifestsInFlight); }
    }

    /// <summary>Counts a call in and raises the maximum seen.</summary>
    private static void Enter(ref int inFlight, ref int max)
    {
        int now = Interlocked.Increment(ref inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen) { }
    }

    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken) => inner.ReportPositionAsync(vehicleId, position, cancellationToken);
    public Task<int> ReportPositionsAsync(IReadOnlyList<(string VehicleId, GeoPoint Position)> fixes, CancellationToken cancellationToken) => inner.ReportPositionsAsync(fixes, cancellationToken);
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken) => inner.ReportStopEventAsync(stopEvent, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) => inner.TakeOutOfServiceAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.GetAlertsAsync(since, cancellationToken);
    public Task SuperviseAsync(CancellationToken cancellationToken) => inner.SuperviseAsync(cancellationToken);
    public Task<bool> ReoptimiseAsync(CancellationToken cancellationToken) => inner.ReoptimiseAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
