using System.Diagnostics;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Engines;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// Owns one service area's <see cref="DispatchEngine"/>. On activation it opens the area's store and replays its
/// event log (from the latest snapshot), so after a deactivation or a silo's death the area comes back on any silo
/// with every confirmed booking: the engine stores each decision before it answers. No Orleans grain state is
/// used. Offers are in memory only (as in the single-process server); a move hands them to the next activation
/// (<c>ServiceAreaGrain.Migration.cs</c>), a crash loses them.
/// </summary>
/// <remarks>
/// Reentrant: the engine has its own reader/writer lock, so quotes run in parallel as in the single-process
/// server. Should Orleans ever run two activations at once (a partition healing), both append to the same log
/// through the store's append lock and sequence check, so neither can overwrite the other's events.
/// </remarks>
/// <para>
/// A reminder (<see cref="RoundReminder"/>, stored with the cluster's membership in PostgreSQL) runs the engine's
/// re-optimisation round, which supervises missed pickups and idle duties first. Because reminders outlive
/// activations, an area whose silo died is re-activated by its next round even when no caller asks for it.
/// </para>
[Reentrant]
internal sealed partial class ServiceAreaGrain(
    ServiceAreaMap areas,
    IAreaStoreProvider stores,
    IAreaEngineFactory engines,
    IAreaFleetProvisioner fleets,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<ServiceAreaGrain> logger) : Grain, IServiceAreaGrain, IRemindable
{
    /// <summary>The name of the area's periodic round.</summary>
    public const string RoundReminder = "dispatch-round";

    /// <summary>How often the round runs (Orleans' smallest reminder period).</summary>
    public static readonly TimeSpan RoundPeriod = TimeSpan.FromMinutes(1);

    /// <summary>How often the configured fleet's shift calendars are extended.</summary>
    public static readonly TimeSpan CalendarPeriod = TimeSpan.FromHours(1);

    private DateTimeOffset _calendarExtendedAt;
    private IDurableDispatchStore? _store;
    private DispatchEngine? _engine;
    private AreaActivation? _activation;

    private DispatchEngine Engine => _engine ?? throw new InvalidOperationException("The area is not activated.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var areaId = this.GetPrimaryKeyString();
        var area = areas.Find(areaId) ?? throw new InvalidOperationException($"Service area '{areaId}' is not configured on this silo.");
        await FollowClusterClockAsync();
        _store = await stores.OpenAsync(areaId, cancellationToken);
        try
        {
            _engine = await engines.OpenAsync(area, _store, cancellationToken);
            // After the replay: vehicles already in the log are left as they are (the fleet is registered once).
            await fleets.ActivateAsync(area, _engine, cancellationToken);
            await StartLearningAsync(areaId);
            await TakeOverFromMoveAsync(cancellationToken);
        }
        catch
        {
            _engine = null;
            await _store.DisposeAsync();
            _store = null;
            throw;
        }
        _calendarExtendedAt = time.GetUtcNow();
        var replay = _engine.Replay;
        _activation = new AreaActivation(areaId, silo.SiloAddress.ToString(), time.GetUtcNow(), replay.LastSequence, replay.EventsReplayed,
            _learnedCellsAtActivation);
        LogActivated(logger, areaId, replay.LastSequence, replay.EventsReplayed);
        // In simulation mode the simulator runs the rounds at simulated times.
        if (!IsSimulated) await this.RegisterOrUpdateReminder(RoundReminder, RoundPeriod, RoundPeriod);
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _activationEnded.CancelAsync();
        await StopLearningAsync();
        await KeepOffersForMoveAsync(reason, cancellationToken);
        if (_engine is not null)
        {
            // A snapshot shortens the next activation's replay; failing to write one loses nothing.
            try { await _engine.SnapshotAsync(cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogSnapshotFailed(logger, ex, this.GetPrimaryKeyString()); }
        }
        if (_store is not null) await _store.DisposeAsync();
        _engine = null;
        _store = null;
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RoundReminder || _engine is null || IsSimulated) return;
        if (time.GetUtcNow() - _calendarExtendedAt >= CalendarPeriod)
        {
            // Hourly, like the single-process server's shift-calendar loop: the booking horizon moves with the date.
            try
            {
                await fleets.ExtendAsync(areas.Find(this.GetPrimaryKeyString())!, _engine, CancellationToken.None);
                _calendarExtendedAt = time.GetUtcNow();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCalendarFailed(logger, ex, this.GetPrimaryKeyString());
            }
        }
        long started = Stopwatch.GetTimestamp();
        var cpuBefore = _engine.Cpu.Total;
        var result = await _engine.ReoptimiseAsync();
        // The engine's CPU over the round (calls running meanwhile included): what the benchmark's idle breakdown reads.
        LogRound(logger, this.GetPrimaryKeyString(), result.Status, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            (_engine.Cpu.Total - cpuBefore).TotalMilliseconds);
    }

    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, string? idempotencyKey) =>
        Engine.RequestQuoteAsync(caller, request, idempotencyKey);

    public Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, string? idempotencyKey) =>
        Engine.ConfirmOfferAsync(caller, offerId, idempotencyKey);

    public Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, string? idempotencyKey) =>
        Engine.CancelBookingAsync(caller, bookingId, idempotencyKey);

    public Task<DispatchResult<BookingView>> GetBookingAsync(CallerIdentity caller, string bookingId) =>
        Engine.GetBookingAsync(caller, bookingId);

    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(CallerIdentity caller, VehicleRegistration registration) =>
        Engine.RegisterVehicleAsync(caller, registration);

    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(CallerIdentity caller, string vehicleId) =>
        Engine.StartShiftAsync(caller, vehicleId);

    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller) => Engine.GetFleetAsync(caller);

    public Task<AreaActivation> DescribeAsync() =>
        Task.FromResult(_activation ?? throw new InvalidOperationException("The area is not activated."));

    [LoggerMessage(Level = LogLevel.Information, Message = "Service area {Area} activated: log at event {Last}, {Replayed} events replayed.")]
    private static partial void LogActivated(ILogger logger, string area, long last, long replayed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Service area {Area}: round {Status} in {WallMs:F1} ms wall, {CpuMs:F1} ms CPU.")]
    private static partial void LogRound(ILogger logger, string area, ReoptimisationStatus status, double wallMs, double cpuMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Service area {Area}: extending the configured fleet's shift calendars failed; the next round retries.")]
    private static partial void LogCalendarFailed(ILogger logger, Exception exception, string area);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service area {Area}: the snapshot at deactivation failed; the next activation replays further back.")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception, string area);
}
