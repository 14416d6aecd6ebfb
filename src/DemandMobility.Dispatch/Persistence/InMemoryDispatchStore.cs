using System.Runtime.CompilerServices;

namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// A process-local <see cref="IDispatchStore"/> for tests and simulation. It keeps the contract (atomic
/// append with the idempotency record, dense sequences) but survives nothing: a restart test reopens an
/// engine on the same instance.
/// </summary>
public sealed class InMemoryDispatchStore : IDispatchStore
{
    private readonly object _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly Dictionary<(string Scope, string Key), IdempotencyRecord> _idempotency = new();

    /// <summary>Number of stored events.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _events.Count;
        }
    }

    /// <summary>A copy of the stored events, for inspection in tests.</summary>
    public IReadOnlyList<StoredEvent> Snapshot()
    {
        lock (_gate) return _events.ToArray();
    }

    /// <inheritdoc />
    public Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (idempotency is not null && _idempotency.TryGetValue((idempotency.Scope, idempotency.Key), out var existing))
                return Task.FromResult(new AppendResult([], existing));
            var appended = new StoredEvent[events.Count];
            for (int i = 0; i < events.Count; i++)
            {
                appended[i] = events[i] with { Sequence = _events.Count + 1 };
                _events.Add(appended[i]);
            }
            if (idempotency is not null) _idempotency[(idempotency.Scope, idempotency.Key)] = idempotency;
            return Task.FromResult(new AppendResult(appended, null));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredEvent[] copy;
        lock (_gate) copy = _events.ToArray();
        foreach (var e in copy)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (e.Sequence > afterSequence) yield return e;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IdempotencyRecord?> FindIdempotencyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_idempotency.TryGetValue((scope, key), out var r) ? r : null);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
