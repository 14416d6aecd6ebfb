namespace DemandMobility.Dispatch.Engine;

/// <summary>An event decided by a command, not yet stored or applied.</summary>
internal sealed record PendingEvent(string Type, string StreamId, StateDelta Delta);

/// <summary>What a command decided: the reply, the events to store, and whether to remember the reply for its idempotency key.</summary>
internal sealed record CommandOutcome<T>(Results.DispatchResult<T> Result, IReadOnlyList<PendingEvent> Events, bool Remember)
{
    public static CommandOutcome<T> Rejected(Results.DispatchError error) => new(error, [], false);
}
