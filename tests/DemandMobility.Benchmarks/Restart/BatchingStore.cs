using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Storage;

namespace DemandMobility.Benchmarks.Restart;

/// <summary>
/// Lets the real engine write a week of fixes into a real SQLite store in reasonable time: appends are numbered and
/// chained here exactly as the store does it, and written to the store in batches of one transaction each (one fsync per
/// batch instead of one per fix). Reads, idempotency look-ups and snapshots flush first, so the engine never sees the
/// difference; every flush checks that the store's chain matches.
/// </summary>
internal sealed class BatchingStore(SqliteDispatchStore inner, int batch) : IDispatchStore, ISnapshotStore
{
    private readonly List<StoredEvent> _pending = new(batch);
    private long _last = inner.Identity.LastSequence == 0 ? 0
        : throw new ArgumentException("The batching store starts on an empty store only.", nameof(inner));
    private string _chain = EventChain.Genesis;

    public SqliteDispatchStore Inner => inner;

    public async Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
    {
        if (idempotency is not null)
        {
            await FlushAsync(cancellationToken);
            var direct = await inner.AppendAsync(events, idempotency, cancellationToken);
            if (direct.Appended.Count > 0) (_last, _chain) = (direct.Appended[^1].Sequence, direct.Appended[^1].Checksum!);
            return direct;
        }
        var appended = new StoredEvent[events.Count];
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i] with { Sequence = ++_last };
            _chain = EventChain.Next(_chain, e);
            appended[i] = e with { Checksum = _chain };
            _pending.Add(events[i]);
        }
        if (_pending.Count >= batch) await FlushAsync(cancellationToken);
        return new AppendResult(appended, null);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        var result = await inner.AppendAsync(_pending, null, cancellationToken);
        _pending.Clear();
        if (result.Appended[^1].Checksum != _chain || result.Appended[^1].Sequence != _last)
            throw new InvalidOperationException("The batching store and the SQLite store disagree on the event chain.");
    }

    public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await foreach (var e in inner.ReadAsync(afterSequence, cancellationToken)) yield return e;
    }

    public async Task<IdempotencyRecord?> FindIdempotencyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await inner.FindIdempotencyAsync(scope, key, cancellationToken);
    }

    public async Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await inner.SaveSnapshotAsync(snapshot, cancellationToken);
    }

    public Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(CancellationToken cancellationToken) => inner.ReadSnapshotsAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None);
        await inner.DisposeAsync();
    }
}
