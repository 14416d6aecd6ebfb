using System.Diagnostics;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;

namespace DemandMobility.Benchmarks;

/// <summary>Wraps the simulator's gateway and road network and adds up wall time and calls per operation (the simulate suite's profile).</summary>
internal sealed class SimulationTimingGateway(IDispatchGateway inner) : IDispatchGateway
{
    private readonly SortedDictionary<string, (int Calls, long Ticks)> _stats = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (int Calls, long Ticks)> Stats => _stats;

    public string Mode => inner.Mode;

    public void Add(string name, long ticks)
    {
        var s = _stats.GetValueOrDefault(name);
        _stats[name] = (s.Calls + 1, s.Ticks + ticks);
    }

    private async Task<T> Time<T>(string name, Func<Task<T>> call)
    {
        long start = Stopwatch.GetTimestamp();
        var result = await call().ConfigureAwait(false);
        Add(name, Stopwatch.GetTimestamp() - start);
        return result;
    }

    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.SetClockAsync(now, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken) =>
        Time("RegisterVehicle", () => inner.RegisterVehicleAsync(registration, cancellationToken));
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        Time("StartShift", () => inner.StartShiftAsync(vehicleId, cancellationToken));
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        Time("EndShift", () => inner.EndShiftAsync(vehicleId, cancellationToken));
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken) =>
        Time("RequestQuote", () => inner.RequestQuoteAsync(riderId, request, cancellationToken));
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken) =>
        Time("ConfirmOffer", () => inner.ConfirmOfferAsync(riderId, offerId, cancellationToken));
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) =>
        Time("CancelBooking", () => inner.CancelBookingAsync(riderId, bookingId, cancellationToken));
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken) =>
        Time("SubmitParcel", () => inner.SubmitParcelAsync(shopId, request, cancellationToken));
    public Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken) =>
        Time("GetManifest", () => inner.GetManifestAsync(vehicleId, cancellationToken));
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken) =>
        Time("ReportPosition", () => inner.ReportPositionAsync(vehicleId, position, cancellationToken));
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken) =>
        Time("ReportStopEvent", () => inner.ReportStopEventAsync(stopEvent, cancellationToken));
    public Task<bool> ReoptimiseAsync(CancellationToken cancellationToken) => Time("Reoptimise", () => inner.ReoptimiseAsync(cancellationToken));
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>Times the simulator's own road-network calls (vehicle paths, direct times) into the same table.</summary>
internal sealed class SimulationTimingTravel(ITravelTimeService inner, SimulationTimingGateway stats) : ITravelTimeService
{
    public SnapResult Snap(GeoPoint point) => inner.Snap(point);

    public double MaxSpeedMetresPerSecond => inner.MaxSpeedMetresPerSecond;

    public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets)
    {
        long start = Stopwatch.GetTimestamp();
        var t = inner.Table(sources, targets);
        stats.Add("travel.Table (simulator + engine)", Stopwatch.GetTimestamp() - start);
        return t;
    }

    public RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints)
    {
        long start = Stopwatch.GetTimestamp();
        var r = inner.Route(waypoints);
        stats.Add("travel.Route (simulator + engine)", Stopwatch.GetTimestamp() - start);
        return r;
    }

    // The engine plans a quote in its departure hour's band and keeps one service per band, so the wrapper of a band
    // is made once and reused (without this the benchmark would plan every quote in free flow).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ITravelTimeService, SimulationTimingTravel> _bands = new();

    public ITravelTimeService ForDeparture(DateTimeOffset departure)
    {
        var band = inner.ForDeparture(departure);
        return ReferenceEquals(band, inner) ? this : _bands.GetOrAdd(band, b => new SimulationTimingTravel(b, stats));
    }
}
