using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Configuration;
using DemandMobility.Storage;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Persistence;

/// <summary>
/// Opens the store when the host starts (first, so a missing store stops the start before anything else writes into
/// the data folder); then every <see cref="StorageOptions.CheckpointInterval"/> checkpoints the SQLite WAL into the
/// database file and notes the last event in the store marker; on a clean shutdown snapshots the engine state and
/// truncates the WAL, so the database file alone is complete and the next start replays nothing.
/// </summary>
internal sealed partial class StoreMaintenance(
    IServiceProvider services, IOptions<StorageOptions> options, ILogger<StoreMaintenance> logger) : BackgroundService
{
    private IDurableDispatchStore? _store;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _store = services.GetRequiredService<IDurableDispatchStore>();
        LogOpened(logger, _store.Location, _store.Identity.StoreId, _store.Identity.LastSequence, _store.Identity.Created ? "created" : "opened");
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                await CheckpointAsync(truncate: false, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_store is null) return;
        try
        {
            var engine = services.GetService<DispatchEngine>();
            if (engine is not null && options.Value.SnapshotEveryEvents > 0)
            {
                var at = await engine.SnapshotAsync(cancellationToken).ConfigureAwait(false);
                LogSnapshot(logger, at);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailure(logger, "snapshot on shutdown", ex.Message);
        }
        await CheckpointAsync(truncate: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckpointAsync(bool truncate, CancellationToken cancellationToken)
    {
        try
        {
            await _store!.CheckpointAsync(truncate, cancellationToken).ConfigureAwait(false);
            var last = await _store.LastSequenceAsync(cancellationToken).ConfigureAwait(false);
            StoreGuard.Touch(options.Value.ResolvedDataDirectory, _store, last);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed checkpoint loses nothing (the WAL keeps every commit); it is retried at the next tick.
            LogFailure(logger, "checkpoint", ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch store {Location}: {Action} store {StoreId} with {Events} events.")]
    private static partial void LogOpened(ILogger logger, string location, string storeId, long events, string action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot of the engine state at event {Sequence} stored on shutdown.")]
    private static partial void LogSnapshot(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch store {Operation} failed: {Message}")]
    private static partial void LogFailure(ILogger logger, string operation, string message);
}
