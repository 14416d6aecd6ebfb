namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// The remembered outcome of a request that carried an idempotency key: a retry with the same
/// (Scope, Key) gets the stored result instead of acting twice.
/// </summary>
/// <param name="Scope">Who and what the key belongs to, e.g. "rider:42/RequestQuote".</param>
/// <param name="Key">The client's idempotency key.</param>
/// <param name="RequestHash">Hash of the request body, to detect a key reused for a different request.</param>
/// <param name="Result">The serialised result returned the first time.</param>
public sealed record IdempotencyRecord(string Scope, string Key, string RequestHash, string Result);
