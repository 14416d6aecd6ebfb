using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Answers of idempotent quotes, in memory until their offer expires: a retried RequestQuote with the same key
/// gets the same offer (or rejection) for as long as that offer could be confirmed, without a durable write per
/// quote. Not thread-safe: read under the engine's reader lock, changed under its writer lock.
/// </summary>
internal sealed class QuoteReplies
{
    private readonly Dictionary<(string Scope, string Key), Entry> _entries = [];

    private sealed record Entry(string Hash, DispatchResult<QuoteOutcome> Result, DateTimeOffset ForgetAt);

    /// <summary>The earlier answer to this key, a conflict if the key came with another request, or null.</summary>
    public DispatchResult<QuoteOutcome>? Find(string scope, string key, string hash)
    {
        if (!_entries.TryGetValue((scope, key), out var e)) return null;
        return e.Hash == hash
            ? e.Result
            : new DispatchError(DispatchErrorCode.IdempotencyConflict,
                $"Idempotency key '{key}' was already used for a different RequestQuote request.", "idempotencyKey");
    }

    public void Remember(string scope, string key, string hash, DispatchResult<QuoteOutcome> result, DateTimeOffset forgetAt) =>
        _entries[(scope, key)] = new Entry(hash, result, forgetAt);

    /// <summary>The answers still kept at <paramref name="now"/>, for the engine taking over (<see cref="OfferHandover"/>).</summary>
    public QuoteReplyHandover[] Export(DateTimeOffset now) =>
        _entries.Where(e => e.Value.ForgetAt >= now)
            .Select(e => new QuoteReplyHandover(e.Key.Scope, e.Key.Key, e.Value.Hash, e.Value.Result, e.Value.ForgetAt)).ToArray();

    /// <summary>Keeps a handed-over answer unless this engine already answered the key itself.</summary>
    public void Restore(QuoteReplyHandover reply) =>
        _entries.TryAdd((reply.Scope, reply.Key), new Entry(reply.Hash, reply.Result, reply.ForgetAt));

    /// <summary>Drops answers whose offer can no longer be confirmed.</summary>
    public void Forget(DateTimeOffset now)
    {
        List<(string, string)>? old = null;
        foreach (var (k, e) in _entries)
            if (e.ForgetAt < now) (old ??= []).Add(k);
        if (old is not null)
            foreach (var k in old) _entries.Remove(k);
    }
}
