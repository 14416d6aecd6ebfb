namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// The engine state after the event at <paramref name="Sequence"/>, so a restart replays only the events after it.
/// </summary>
/// <param name="Sequence">The last event folded into the state.</param>
/// <param name="FormatVersion">Version of the payload format; a snapshot of another version is ignored (full replay).</param>
/// <param name="CreatedAt">When it was taken (engine clock).</param>
/// <param name="ChainChecksum">The event chain checksum at <paramref name="Sequence"/>, so the tail after it is verified.</param>
/// <param name="Checksum">SHA-256 of <paramref name="Payload"/> (<see cref="EventChain.OfText"/>); a mismatch means the snapshot is damaged.</param>
/// <param name="Payload">The state as JSON, written and read by the engine only.</param>
public sealed record StoredSnapshot(long Sequence, int FormatVersion, DateTimeOffset CreatedAt, string ChainChecksum, string Checksum, string Payload);
