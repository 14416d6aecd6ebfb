using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    // Cancelled when this activation ends, so every watch served from it fails and its caller reconnects to the
    // next activation (on this or another silo) instead of waiting on an engine that is closed.
    private readonly CancellationTokenSource _activationEnded = new();

    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(CallerIdentity caller, string vehicleId, bool outOfService) =>
        outOfService ? Engine.TakeOutOfServiceAsync(caller, vehicleId) : Engine.EndShiftAsync(caller, vehicleId);

    public async Task<PositionBatchResult> ReportPositionsAsync(CallerIdentity caller, ImmutableArray<PositionReport> fixes)
    {
        int accepted = 0, rejected = 0, last = -1;
        for (int i = 0; i < fixes.Length; i++)
        {
            var f = fixes[i];
            var result = await Engine.ReportPositionAsync(caller, f.VehicleId, f.Position, f.RecordedAt, f.HeadingDegrees, f.SpeedMetresPerSecond)
                .ConfigureAwait(true);
            if (result.IsSuccess)
            {
                accepted++;
                last = i;
                continue;
            }
            // Same rule as the single-process stream: an unknown vehicle or another driver's ends the stream,
            // an implausible fix is only counted.
            if (result.Error.Code is DispatchErrorCode.NotFound or DispatchErrorCode.PermissionDenied)
                return new PositionBatchResult(accepted, rejected, last, result.Error);
            rejected++;
        }
        return new PositionBatchResult(accepted, rejected, last, null);
    }

    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId) =>
        Engine.GetManifestAsync(caller, vehicleId);

    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(CallerIdentity caller, StopEvent stopEvent, string? idempotencyKey,
        DateTimeOffset? occurredAt)
    {
        // Only forward (the clock never moves back): an event reported for an earlier time is applied now, as live.
        if (IsSimulated && occurredAt is { } at) Clocks.Simulated(this.GetPrimaryKeyString()).Advance(at);
        return Engine.ReportStopEventAsync(caller, stopEvent, idempotencyKey);
    }

    public IAsyncEnumerable<DispatchResult<ManifestView>> WatchManifestAsync(CallerIdentity caller, string vehicleId) =>
        WatchAsync(token => Engine.WatchManifestAsync(caller, vehicleId, token));

    public Task<DispatchResult<BookingView>> GetConfirmedBookingAsync(CallerIdentity caller, string bookingId) =>
        Engine.GetConfirmedBookingAsync(caller, bookingId);

    public IAsyncEnumerable<DispatchResult<BookingView>> WatchBookingAsync(CallerIdentity caller, string bookingId) =>
        WatchAsync(token => Engine.WatchConfirmedBookingAsync(caller, bookingId, token));

    public Task<DispatchResult<Parcel>> SubmitParcelAsync(CallerIdentity caller, ParcelRequest request, string? idempotencyKey) =>
        Engine.SubmitParcelAsync(caller, request, idempotencyKey);

    public Task<DispatchResult<Parcel>> CancelParcelAsync(CallerIdentity caller, string parcelId) =>
        Engine.CancelParcelAsync(caller, parcelId);

    public Task<DispatchResult<ParcelView>> GetParcelAsync(CallerIdentity caller, string parcelId) =>
        Engine.GetParcelAsync(caller, parcelId);

    public Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to) =>
        Engine.GetKpisAsync(caller, from, to);

    public IAsyncEnumerable<DispatchResult<FleetView>> WatchFleetAsync(CallerIdentity caller) =>
        WatchAsync(token => Engine.WatchFleetAsync(caller, token));

    /// <summary>
    /// Serves one engine watch through Orleans' <see cref="IAsyncEnumerable{T}"/> support: a refusal as the only
    /// element, otherwise every view until the caller stops (Orleans cancels the token) or the activation ends
    /// (then the stream fails, so the caller knows to reconnect rather than take it for the natural end).
    /// </summary>
    private async IAsyncEnumerable<DispatchResult<T>> WatchAsync<T>(
        Func<CancellationToken, Task<DispatchResult<IAsyncEnumerable<T>>>> open, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _activationEnded.Token);
        var watch = await open(linked.Token).ConfigureAwait(true);
        if (!watch.IsSuccess)
        {
            yield return watch.Error;
            yield break;
        }
        await using var views = watch.Value.GetAsyncEnumerator(linked.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await views.MoveNextAsync().ConfigureAwait(true);
            }
            catch (OperationCanceledException) when (_activationEnded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"Service area '{this.GetPrimaryKeyString()}' was deactivated; reconnect.");
            }
            if (!more) yield break;
            yield return DispatchResult<T>.Ok(views.Current);
        }
    }
}
