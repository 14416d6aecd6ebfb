using System.Text.Json;
using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The snapshot every open console shares: built once per engine change (<see cref="DispatchEngine.ChangeVersion"/>)
/// and kept as serialised JSON, so a hundred browsers cost one build per change, not a hundred. A frame older than
/// <see cref="DashboardSettings.RefreshInterval"/> is rebuilt even without an engine change, because some of what
/// the page shows moves with the clock alone (stale fixes, today's KPIs).
/// </summary>
internal sealed class DashboardFeed(DispatchEngine engine, DashboardSnapshotBuilder builder, DashboardSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DashboardFrame? _latest;

    /// <summary>The engine's current change counter (what a subscriber waits on).</summary>
    public long Version => engine.ChangeVersion;

    /// <summary>Completes when the engine changed after <paramref name="seen"/>, or when a frame would be stale.</summary>
    public async Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RefreshInterval);
        try
        {
            await engine.WaitForChangeAsync(seen, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The refresh interval passed without a change: the caller re-reads for the clock-driven parts.
        }
    }

    /// <summary>The latest frame, rebuilt when the engine moved on since it was built or it is older than the refresh interval.</summary>
    public async Task<DashboardFrame> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_latest) is { } ready) return ready;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_latest) is { } built) return built;
            // The version is read before the state: a change during the build makes the next call build again.
            long version = engine.ChangeVersion;
            var snapshot = await builder.BuildAsync(cancellationToken).ConfigureAwait(false);
            var frame = new DashboardFrame(version, Environment.TickCount64, JsonSerializer.SerializeToUtf8Bytes(snapshot, Json));
            _latest = frame;
            return frame;
        }
        finally
        {
            _gate.Release();
        }
    }

    private DashboardFrame? Fresh(DashboardFrame? frame) =>
        frame is not null && frame.Version == engine.ChangeVersion && Environment.TickCount64 - frame.BuiltAt < (long)settings.RefreshInterval.TotalMilliseconds ? frame : null;
}

/// <summary>One serialised snapshot and the engine change it shows.</summary>
/// <param name="Version">The engine's change counter read before the build.</param>
/// <param name="BuiltAt">When it was built, in <see cref="Environment.TickCount64"/> milliseconds (wall time, also under a simulated engine clock).</param>
/// <param name="Json">The snapshot as UTF-8 JSON on one line.</param>
internal sealed record DashboardFrame(long Version, long BuiltAt, byte[] Json);
