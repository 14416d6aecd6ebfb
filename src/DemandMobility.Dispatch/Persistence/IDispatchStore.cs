namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// Durable storage of the dispatcher: an append-only event log plus idempotency records.
/// Implementations: in-memory (tests, simulation), SQLite (embedded default, WAL) and PostgreSQL.
/// </summary>
/// <remarks>
/// Durability contract: when <see cref="AppendAsync"/> returns, the events (and the idempotency record,
/// in the same transaction) survive a crash or kill -9. Appends are serialised; sequences are dense
/// and increasing.
/// </remarks>
public interface IDispatchStore : IAsyncDisposable
{
    /// <summary>
    /// Appends events atomically, together with an optional idempotency record, and returns them with
    /// their assigned sequence numbers. If the idempotency (Scope, Key) already exists, nothing is
    /// written and <see cref="AppendResult.ExistingIdempotency"/> holds the stored record.
    /// </summary>
    Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken);

    /// <summary>Reads all events with a sequence greater than <paramref name="afterSequence"/>, in order.</summary>
    IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, CancellationToken cancellationToken);

    /// <summary>Looks up an idempotency record, or null.</summary>
    Task<IdempotencyRecord?> FindIdempotencyAsync(string scope, string key, CancellationToken cancellationToken);
}

/// <summary>Outcome of <see cref="IDispatchStore.AppendAsync"/>.</summary>
/// <param name="Appended">The events as stored, with sequences; empty when an idempotency record already existed.</param>
/// <param name="ExistingIdempotency">The earlier record when the key was already used; otherwise null.</param>
public sealed record AppendResult(IReadOnlyList<StoredEvent> Appended, IdempotencyRecord? ExistingIdempotency);
