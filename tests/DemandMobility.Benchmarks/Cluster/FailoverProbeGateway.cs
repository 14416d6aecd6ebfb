using System.Collections.Concurrent;
using System.Diagnostics;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// The simulator's gateway with two additions for the cluster-day benchmark: before quote number
/// <paramref name="killAtQuote"/> it runs <paramref name="kill"/> once (a silo dies mid-run), and it notes when each
/// area answered a quote (an offer or a refusal both mean the area is back), so the failover gap can be read.
/// </summary>
internal sealed class FailoverProbeGateway(IDispatchGateway inner, int killAtQuote, Func<Task>? kill) : IDispatchGateway
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<(string Area, TimeSpan At)> _answers = new();
    private int _quotes;

    /// <summary>When the killed silo's process was gone (since this gateway was made); null if none was killed.</summary>
    public TimeSpan? KilledAt { get; private set; }

    /// <summary>Seconds from the kill until every one of <paramref name="areas"/> had answered a quote again (∞ if one never did).</summary>
    public double GapSeconds(IEnumerable<string> areas)
    {
        if (KilledAt is not { } k) return double.NaN;
        var answers = _answers.ToArray();
        double worst = 0;
        foreach (var area in areas)
        {
            var first = answers.Where(a => a.Area == area && a.At > k).Select(a => a.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
            worst = Math.Max(worst, first == TimeSpan.MaxValue ? double.PositiveInfinity : (first - k).TotalSeconds);
        }
        return worst;
    }

    public string Mode => inner.Mode;

    public string? AreaOf(GeoPoint point) => inner.AreaOf(point);

    public int RetriedCalls => inner.RetriedCalls;

    public async Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _quotes) == killAtQuote && kill is not null)
        {
            await kill().ConfigureAwait(false);
            // From the moment the process is gone: an answer after it came from the area's new activation.
            KilledAt = _clock.Elapsed;
        }
        var result = await inner.RequestQuoteAsync(riderId, request, cancellationToken).ConfigureAwait(false);
        if (request.Origin.Coordinate is { } origin && inner.AreaOf(origin) is { } area) _answers.Enqueue((area, _clock.Elapsed));
        return result;
    }

    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken) => inner.SetClockAsync(now, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken) => inner.RegisterVehicleAsync(registration, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.StartShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) => inner.EndShiftAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken) => inner.ConfirmOfferAsync(riderId, offerId, cancellationToken);
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) => inner.CancelBookingAsync(riderId, bookingId, cancellationToken);
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken) => inner.SubmitParcelAsync(shopId, request, cancellationToken);
    public Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken) => inner.GetManifestAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken) => inner.ReportPositionAsync(vehicleId, position, cancellationToken);
    public Task<int> ReportPositionsAsync(IReadOnlyList<(string VehicleId, GeoPoint Position)> fixes, CancellationToken cancellationToken) => inner.ReportPositionsAsync(fixes, cancellationToken);
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken) => inner.ReportStopEventAsync(stopEvent, cancellationToken);
    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) => inner.TakeOutOfServiceAsync(vehicleId, cancellationToken);
    public Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(DateTimeOffset since, CancellationToken cancellationToken) => inner.GetAlertsAsync(since, cancellationToken);
    public Task SuperviseAsync(CancellationToken cancellationToken) => inner.SuperviseAsync(cancellationToken);
    public Task<bool> ReoptimiseAsync(CancellationToken cancellationToken) => inner.ReoptimiseAsync(cancellationToken);
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
