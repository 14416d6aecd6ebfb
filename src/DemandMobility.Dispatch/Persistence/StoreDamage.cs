namespace DemandMobility.Dispatch.Persistence;

/// <summary>What is wrong with a stored event (see <see cref="StoreIntegrityException"/>).</summary>
public enum StoreDamage
{
    /// <summary>One or more sequence numbers are missing (a deleted row).</summary>
    Gap,

    /// <summary>A sequence number repeats or goes back.</summary>
    OutOfOrder,

    /// <summary>The stored checksum does not match the event: its type, stream, time or payload was altered, or an earlier row was.</summary>
    ChecksumMismatch,

    /// <summary>The row has no checksum although the store writes one for every event.</summary>
    MissingChecksum,
}
