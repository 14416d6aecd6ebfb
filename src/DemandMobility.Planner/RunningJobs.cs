using System.Collections.Concurrent;

namespace DemandMobility.Planner;

/// <summary>
/// Cancellation of the jobs running on this node, so a cancel stops a run at once. (Hangfire also cancels a deleted
/// job's token, but only when its watcher next polls the storage, every few seconds; that path serves other nodes.)
/// </summary>
public sealed class RunningJobs
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    /// <summary>Registers a run linked to Hangfire's token; dispose the source when the run ends.</summary>
    public CancellationTokenSource Start(string id, CancellationToken hangfireToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(hangfireToken);
        _running[id] = source;
        return source;
    }

    /// <summary>Forgets a finished run.</summary>
    public void End(string id) => _running.TryRemove(id, out _);

    /// <summary>Cancels the run if it is on this node; true when it was.</summary>
    public bool Cancel(string id)
    {
        if (!_running.TryGetValue(id, out var source)) return false;
        try { source.Cancel(); }
        catch (ObjectDisposedException) { return false; }
        return true;
    }
}
