using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    /// <summary>Names this activation in change marks (a new one on every activation).</summary>
    private readonly string _activationId = Guid.NewGuid().ToString("N");

    public Task<AreaChangeMark> GetChangeMarkAsync() => Task.FromResult(new AreaChangeMark(_activationId, Engine.ChangeVersion));

    public async Task<DispatchResult<AreaChanges>> GetChangesSinceAsync(CallerIdentity caller, long position)
    {
        var changes = await Engine.GetChangesSinceAsync(caller, position);
        return changes.IsSuccess ? new AreaChanges(_activationId, changes.Value!) : changes.Error!;
    }

    public async Task<DispatchResult<IReadOnlyList<BookingView?>>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds)
    {
        var views = new List<BookingView?>(bookingIds.Count);
        foreach (var id in bookingIds)
        {
            var read = await Engine.GetBookingAsync(caller, id);
            if (read.IsSuccess) views.Add(read.Value);
            else if (read.Error!.Code == DispatchErrorCode.NotFound) views.Add(null);
            else return read.Error;
        }
        return views;
    }

    public Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since) =>
        Engine.GetComputedAlertAcknowledgementsAsync(caller, since);

    public async Task<DispatchResult<BookingLogPage>> ReadBookingLogAsync(CallerIdentity caller, long afterSequence, int maxEvents)
    {
        // The engine's own rule for who follows its changes: the log is read only for dispatchers.
        if (caller.Role != CallerRole.Dispatcher)
            return new DispatchError(DispatchErrorCode.PermissionDenied, "Only dispatchers read an area's booking log.");
        if (maxEvents < 1) return DispatchError.Invalid("maxEvents", "must be at least 1.");
        var store = _store ?? throw new InvalidOperationException("The area is not activated.");
        var ids = ImmutableArray.CreateBuilder<string>();
        var rejections = ImmutableArray.CreateBuilder<DateTimeOffset>();
        long last = afterSequence;
        int read = 0;
        await foreach (var e in store.ReadAsync(afterSequence, CancellationToken.None))
        {
            if (read == maxEvents) return new BookingLogPage(last, ids.ToImmutable(), rejections.ToImmutable(), More: true);
            read++;
            last = e.Sequence;
            if (BookingLogEnvelope.IsRejection(e)) rejections.Add(e.OccurredAt);
            else if (BookingLogEnvelope.BookingIdOf(e) is { } id) ids.Add(id);
        }
        return new BookingLogPage(last, ids.ToImmutable(), rejections.ToImmutable(), More: false);
    }

    public Task<DispatchResult<AlertAcknowledgement>> AcknowledgeComputedAlertAsync(CallerIdentity caller, string alertId, string? note) =>
        Engine.AcknowledgeComputedAlertAsync(caller, alertId, note);

    public Task<DispatchResult<bool>> ResetLearnedTravelTimesAsync(CallerIdentity caller) => Engine.ResetLearnedTravelTimesAsync(caller);
}
