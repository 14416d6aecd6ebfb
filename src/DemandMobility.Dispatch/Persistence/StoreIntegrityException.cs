namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// The event log is damaged: the message names the sequence number and the kind of damage, and what the operator
/// can do. Thrown while replaying or verifying; nothing was modified.
/// </summary>
public sealed class StoreIntegrityException : Exception
{
    /// <summary>Creates the exception for the event at <paramref name="sequence"/>.</summary>
    public StoreIntegrityException(long sequence, StoreDamage damage, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Sequence = sequence;
        Damage = damage;
    }

    /// <summary>The first damaged sequence number.</summary>
    public long Sequence { get; }

    /// <summary>The kind of damage.</summary>
    public StoreDamage Damage { get; }
}
