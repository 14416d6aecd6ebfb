using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>The single-process console source: the one engine, and its store for the booking log.</summary>
internal sealed class EngineConsoleSource(DispatchEngine engine, IDispatchStore store) : IConsoleSource
{
    private long _lastSequence;

    public long ChangeVersion => engine.ChangeVersion;

    public IReadOnlyList<GeoPoint> ServiceAreaOutline => engine.Options.ServiceArea is { } area ? area.Ring : [];

    public IReadOnlyList<(string Id, IReadOnlyList<GeoPoint> Boundary)> AreaOutlines => [];

    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken) => engine.WaitForChangeAsync(seen, cancellationToken);

    public async Task<DispatchResult<ConsoleChanges>> GetChangesSinceAsync(CallerIdentity caller, long position, CancellationToken cancellationToken)
    {
        var changes = await engine.GetChangesSinceAsync(caller, position, cancellationToken).ConfigureAwait(false);
        return changes.IsSuccess ? new ConsoleChanges(changes.Value!, []) : changes.Error!;
    }

    /// <summary>One process has one area, unnamed.</summary>
    public string? AreaOf(string id) => null;

    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken) =>
        engine.GetFleetAsync(caller, cancellationToken);

    public Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        engine.GetKpisAsync(caller, from, to, cancellationToken);

    public async Task<IReadOnlyDictionary<string, BookingView?>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds, CancellationToken cancellationToken)
    {
        var views = new Dictionary<string, BookingView?>(bookingIds.Count, StringComparer.Ordinal);
        foreach (var id in bookingIds)
        {
            var read = await engine.GetBookingAsync(caller, id, cancellationToken).ConfigureAwait(false);
            if (read.IsSuccess) views[id] = read.Value;
            else if (read.Error!.Code == DispatchErrorCode.NotFound) views[id] = null;
        }
        return views;
    }

    public Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        engine.GetAlertLogAsync(caller, since, cancellationToken);

    public Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        engine.GetComputedAlertAcknowledgementsAsync(caller, since, cancellationToken);

    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken) =>
        engine.GetManifestAsync(caller, vehicleId, cancellationToken);

    public Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at, long? sequence, CancellationToken cancellationToken) =>
        engine.GetStateAtAsync(caller, at, sequence, cancellationToken);

    public async IAsyncEnumerable<BookingLogEntry> ReadNewBookingLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in store.ReadAsync(_lastSequence, cancellationToken).ConfigureAwait(false))
        {
            _lastSequence = e.Sequence;
            if (BookingLogEnvelope.IsRejection(e)) yield return new BookingLogEntry(null, e.OccurredAt);
            else if (BookingLogEnvelope.BookingIdOf(e) is { } id) yield return new BookingLogEntry(id, null);
        }
    }
}
