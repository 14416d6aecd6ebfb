namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// Checks events as they are read in order: dense sequences (no gap, no repeat) and an unbroken
/// <see cref="EventChain"/>. Used by replay and by <c>dm store verify</c>; the first damage throws.
/// </summary>
/// <param name="afterSequence">The sequence the check starts after (0, or a snapshot's sequence).</param>
/// <param name="previousChecksum">The chain checksum at <paramref name="afterSequence"/> (<see cref="EventChain.Genesis"/> for 0).</param>
public sealed class EventLogVerifier(long afterSequence, string previousChecksum)
{
    private string _previous = previousChecksum;

    /// <summary>The last verified sequence.</summary>
    public long LastSequence { get; private set; } = afterSequence;

    /// <summary>The chain checksum at <see cref="LastSequence"/>.</summary>
    public string LastChecksum => _previous;

    /// <summary>Verifies the next event.</summary>
    /// <exception cref="StoreIntegrityException">A gap, a repeat, a missing or a wrong checksum.</exception>
    public void Check(StoredEvent e)
    {
        long expected = LastSequence + 1;
        if (e.Sequence > expected)
        {
            string missing = e.Sequence - 1 == expected ? $"event {expected} is" : $"events {expected}–{e.Sequence - 1} are";
            throw new StoreIntegrityException(expected, StoreDamage.Gap,
                $"The event log has a gap: {missing} missing (the log continues at {e.Sequence}). " + Advice);
        }
        if (e.Sequence < expected)
            throw new StoreIntegrityException(e.Sequence, StoreDamage.OutOfOrder,
                $"The event log is out of order: event {e.Sequence} follows event {LastSequence}. " + Advice);
        if (string.IsNullOrEmpty(e.Checksum))
            throw new StoreIntegrityException(e.Sequence, StoreDamage.MissingChecksum,
                $"Event {e.Sequence} ({e.Type}, '{e.StreamId}') has no checksum. " + Advice);
        var actual = EventChain.Next(_previous, e);
        if (!string.Equals(actual, e.Checksum, StringComparison.OrdinalIgnoreCase))
            throw new StoreIntegrityException(e.Sequence, StoreDamage.ChecksumMismatch,
                $"Event {e.Sequence} ({e.Type}, '{e.StreamId}') fails its checksum: its type, stream, time or payload was altered " +
                "(or a row before it was replaced). " + Advice);
        _previous = e.Checksum;
        LastSequence = e.Sequence;
    }

    /// <summary>What the operator can do about a damaged log.</summary>
    public const string Advice =
        "The dispatcher will not start on a damaged log. Restore the latest good backup (dm store restore), " +
        "or run dm store verify to see the extent of the damage; nothing was modified.";
}
