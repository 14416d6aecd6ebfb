using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>Checks append input before a transaction starts, so bad input never reaches the database.</summary>
internal static class AppendArguments
{
    public static void Validate(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency)
    {
        ArgumentNullException.ThrowIfNull(events);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException($"events[{i}] is null.", nameof(events));
            if (string.IsNullOrEmpty(e.Type))
                throw new ArgumentException($"events[{i}].Type must not be empty.", nameof(events));
            if (string.IsNullOrEmpty(e.StreamId))
                throw new ArgumentException($"events[{i}].StreamId must not be empty.", nameof(events));
            if (e.Payload is null)
                throw new ArgumentException($"events[{i}].Payload must not be null.", nameof(events));
        }

        if (idempotency is null) return;
        if (string.IsNullOrEmpty(idempotency.Scope))
            throw new ArgumentException("idempotency.Scope must not be empty.", nameof(idempotency));
        if (string.IsNullOrEmpty(idempotency.Key))
            throw new ArgumentException("idempotency.Key must not be empty.", nameof(idempotency));
        if (idempotency.RequestHash is null || idempotency.Result is null)
            throw new ArgumentException("idempotency.RequestHash and idempotency.Result must not be null.", nameof(idempotency));
    }
}
