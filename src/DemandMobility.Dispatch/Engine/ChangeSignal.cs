namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// A broadcast "something changed" signal for watchers: each waiter remembers the version it last saw and
/// wakes when the version moves on. Watchers then re-read state, so no change is ever queued or lost.
/// </summary>
internal sealed class ChangeSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Volatile.Read(ref _version);

    public void Notify()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _version++;
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    public Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            if (_version != seen) return Task.CompletedTask;
            next = _next.Task;
        }
        return next.WaitAsync(cancellationToken);
    }
}
