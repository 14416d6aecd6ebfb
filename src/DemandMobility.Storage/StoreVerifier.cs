using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>The outcome of <see cref="StoreVerifier.VerifyAsync"/>.</summary>
/// <param name="Events">Events checked (the whole log).</param>
/// <param name="LastChecksum">The chain checksum of the last event (compare two copies of a store with it).</param>
/// <param name="Snapshots">Snapshots whose checksum and chain anchor are good.</param>
/// <param name="DamagedSnapshots">Snapshots that a restart would skip (damaged, or not matching the log).</param>
public sealed record StoreVerification(long Events, string LastChecksum, int Snapshots, int DamagedSnapshots);

/// <summary>Checks a whole store: every event against the hash chain, and every snapshot against its checksum and the log.</summary>
public static class StoreVerifier
{
    /// <summary>Reads the whole log in order and checks it.</summary>
    /// <exception cref="StoreIntegrityException">The first gap or altered event (names its sequence).</exception>
    public static async Task<StoreVerification> VerifyAsync(IDurableDispatchStore store, CancellationToken cancellationToken = default)
    {
        var snapshots = await store.ReadSnapshotsAsync(cancellationToken).ConfigureAwait(false);
        // The log's chain checksum at each snapshot's sequence, filled while reading.
        var logChainAt = snapshots.ToDictionary(s => s.Sequence, _ => (string?)null);
        var verifier = new EventLogVerifier(0, EventChain.Genesis);
        await foreach (var e in store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            verifier.Check(e);
            if (logChainAt.ContainsKey(e.Sequence)) logChainAt[e.Sequence] = e.Checksum;
        }
        // Usable as a restart does: the payload matches its checksum and the log carries the snapshot's chain value.
        int usable = snapshots.Count(s =>
            string.Equals(EventChain.OfText(s.Payload), s.Checksum, StringComparison.OrdinalIgnoreCase)
            && string.Equals(logChainAt[s.Sequence], s.ChainChecksum, StringComparison.OrdinalIgnoreCase));
        return new StoreVerification(verifier.LastSequence, verifier.LastChecksum, usable, snapshots.Count - usable);
    }
}
