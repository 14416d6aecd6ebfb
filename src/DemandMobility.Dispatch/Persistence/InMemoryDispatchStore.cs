using System.Runtime.CompilerServices;

namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// A process-local <see cref="IDispatchStore"/> for tests and simulation. It keeps the contract (atomic
/// append with the idempotency record, dense sequences, the checksum chain, snapshots) but survives nothing:
/// a restart test reopens an engine on the same instance.
/// </summary>
public sealed class InMemoryDispatchStore : IDispatchStore, ISnapshotStore
{
    private readonly object _gate = new();
    private readonly List<StoredEvent> _events = [];
    private readonly List<StoredSnapshot> _snapshots = [];
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

    /// <summary>Replaces the stored event at <paramref name="index"/> (0-based) as a damaged disk would; for tests of the integrity checks.</summary>
    public void Tamper(int index, Func<StoredEvent, StoredEvent?> change)
    {
        lock (_gate)
        {
            if (change(_events[index]) is { } changed) _events[index] = changed;
            else _events.RemoveAt(index);
        }
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
            long last = _events.Count == 0 ? 0 : _events[^1].Sequence;
            string chain = _events.Count == 0 ? EventChain.Genesis : _events[^1].Checksum ?? EventChain.Genesis;
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i] with { Sequence = last + 1 + i };
                chain = EventChain.Next(chain, e);
                appended[i] = e with { Checksum = chain };
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
    public Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_gate)
        {
            _snapshots.RemoveAll(s => s.Sequence == snapshot.Sequence);
            _snapshots.Add(snapshot);
            _snapshots.Sort((a, b) => b.Sequence.CompareTo(a.Sequence));
            if (_snapshots.Count > ISnapshotStore.KeptSnapshots) _snapshots.RemoveRange(ISnapshotStore.KeptSnapshots, _snapshots.Count - ISnapshotStore.KeptSnapshots);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<StoredSnapshot>>(_snapshots.ToArray());
    }

    /// <summary>Replaces the stored snapshots' payloads as a damaged disk would; for tests.</summary>
    public void TamperSnapshots(Func<StoredSnapshot, StoredSnapshot> change)
    {
        lock (_gate)
            for (int i = 0; i < _snapshots.Count; i++) _snapshots[i] = change(_snapshots[i]);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
