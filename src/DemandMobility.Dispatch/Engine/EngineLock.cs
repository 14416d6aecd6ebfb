namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The engine's asynchronous reader/writer lock: many readers (reads, and quotes deciding on the current plan)
/// or one writer (every state change). A writer waiting at the gate stops new readers, so a stream of
/// quotes cannot starve a confirmation.
/// </summary>
/// <remarks>
/// Readers hold one of <see cref="MaxReaders"/> permits; a writer first takes the gate, then every permit.
/// More readers than that would not run faster on the cores such a service gets, only queue inside.
/// </remarks>
internal sealed class EngineLock
{
    private const int MaxReaders = 16;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _permits = new(MaxReaders, MaxReaders);

    /// <summary>Waits for shared access; pair with <see cref="ExitRead"/>.</summary>
    public async Task EnterReadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        _gate.Release();
        await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends shared access.</summary>
    public void ExitRead() => _permits.Release();

    /// <summary>Waits for exclusive access; pair with <see cref="ExitWrite"/>.</summary>
    public async Task EnterWriteAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        int taken = 0;
        try
        {
            for (; taken < MaxReaders; taken++) await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (taken > 0) _permits.Release(taken);
            _gate.Release();
            throw;
        }
    }

    /// <summary>Ends exclusive access.</summary>
    public void ExitWrite()
    {
        _permits.Release(MaxReaders);
        _gate.Release();
    }
}
