namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// One durable domain event as the store keeps it: the engine's state is the fold of all events in
/// sequence order, so a restart replays them (event sourcing; snapshots are an optimisation on top).
/// </summary>
/// <param name="Sequence">Position in the global log, assigned by the store (1, 2, …); 0 before appending.</param>
/// <param name="Type">Event type name, e.g. "BookingConfirmed"; stable across versions.</param>
/// <param name="StreamId">The aggregate the event belongs to, e.g. "booking/7f3c…" or "vehicle/bus-3".</param>
/// <param name="OccurredAt">Domain time of the event (from the engine's TimeProvider).</param>
/// <param name="Payload">The event body as UTF-8 JSON, written and read by the engine only.</param>
/// <param name="Checksum">
/// The event's link in the log's hash chain (<see cref="EventChain"/>), assigned by the store with the sequence;
/// null before appending.
/// </param>
public sealed record StoredEvent(long Sequence, string Type, string StreamId, DateTimeOffset OccurredAt, string Payload, string? Checksum = null);
