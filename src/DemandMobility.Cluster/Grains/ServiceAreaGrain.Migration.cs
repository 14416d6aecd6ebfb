using System.Buffers;
using DemandMobility.Cluster.Balancing;
using DemandMobility.Dispatch.Engine;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// A move (grain migration) hands the area's in-memory state to its next activation through Orleans' dehydration
/// context: the open offers and idempotent quote answers (<see cref="OfferHandover"/>), so a rider can confirm an offer
/// given just before the move, and the smoothed load, so the balancing round sees the area's load on its new silo at
/// once. Everything durable moves through PostgreSQL (the log); a silo that dies hands nothing over, so offers given
/// by it are lost (the rider gets <c>NOT_FOUND</c> on confirm and asks again).
/// </summary>
internal sealed partial class ServiceAreaGrain : IGrainMigrationParticipant
{
    private const string OffersKey = "dm.offers";
    private const string LoadKey = "dm.load";

    private OfferHandover? _outgoing;
    private OfferHandover? _incoming;
    private AreaLoadReading? _incomingLoad;

    public void OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_outgoing is { } offers) dehydrationContext.AddBytes(OffersKey, offers.ToUtf8Json());
        dehydrationContext.TryAddValue(LoadKey, Load.Read(time.GetUtcNow()));
    }

    public void OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (rehydrationContext.TryGetBytes(OffersKey, out var bytes))
        {
            try
            {
                _incoming = OfferHandover.FromUtf8Json(bytes.ToArray());
            }
            catch (InvalidDataException ex)
            {
                // Offers are a convenience: without them riders ask again; the stored log is untouched.
                LogHandoverUnreadable(logger, ex, this.GetPrimaryKeyString());
            }
        }
        if (rehydrationContext.TryGetValue<AreaLoadReading>(LoadKey, out var load)) _incomingLoad = load;
    }

    /// <summary>Before the engine closes on a move: keeps its open offers for <see cref="OnDehydrate"/>.</summary>
    private async Task KeepOffersForMoveAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode != DeactivationReasonCode.Migrating || _engine is null) return;
        try
        {
            _outgoing = await _engine.ExportOffersAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandoverFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>After the replay on the new silo: takes over what the previous activation handed over.</summary>
    private async Task TakeOverFromMoveAsync(CancellationToken cancellationToken)
    {
        if (_incomingLoad is { } load) Load.Resume(load, time.GetUtcNow());
        _incomingLoad = null;
        if (_incoming is not { } handover || _engine is null) return;
        _incoming = null;
        int taken = await _engine.ImportOffersAsync(handover, cancellationToken);
        LogOffersTaken(logger, this.GetPrimaryKeyString(), taken, handover.Replies.Length);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service area {Area}: {Offers} open offers and {Replies} quote answers taken over from the previous silo.")]
    private static partial void LogOffersTaken(ILogger logger, string area, int offers, int replies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service area {Area}: the open offers could not be read for the move; they are lost (riders ask again).")]
    private static partial void LogHandoverFailed(ILogger logger, Exception exception, string area);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service area {Area}: the handed-over offers are unreadable and were dropped (riders ask again).")]
    private static partial void LogHandoverUnreadable(ILogger logger, Exception exception, string area);
}
