namespace DemandMobility.Dispatch.Engine;

/// <summary>An event decided by a command, not yet stored or applied.</summary>
/// <param name="Type">One of <see cref="Events.EventTypes"/>.</param>
/// <param name="StreamId">What the event is about (<c>booking/…</c>, <c>vehicle/…</c>, …).</param>
/// <param name="Delta">The state change.</param>
/// <param name="Stored">
/// False for a GPS fix between two stored samples of the vehicle's track (<see cref="DispatchOptions.FixStoreInterval"/>):
/// applied in memory only, its driven metres held back for the next stored fix (<see cref="EngineState.ApplyUnstoredFix"/>).
/// </param>
internal sealed record PendingEvent(string Type, string StreamId, StateDelta Delta, bool Stored = true);

/// <summary>What a command decided: the reply, the events to store, and whether to remember the reply for its idempotency key.</summary>
internal sealed record CommandOutcome<T>(Results.DispatchResult<T> Result, IReadOnlyList<PendingEvent> Events, bool Remember)
{
    public static CommandOutcome<T> Rejected(Results.DispatchError error) => new(error, [], false);
}
