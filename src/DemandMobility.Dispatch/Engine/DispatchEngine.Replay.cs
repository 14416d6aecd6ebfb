using System.Text.Json;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    private EngineSnapshotPolicy _snapshotPolicy = EngineSnapshotPolicy.Default;
    private long _lastSequence;
    private string _lastChecksum = EventChain.Genesis;
    private long _snapshotSequence;

    /// <summary>How the state was rebuilt on open (snapshot used, events replayed, warnings).</summary>
    public ReplayReport Replay { get; private set; } = new(0, 0, 0, null);

    /// <summary>The last failure to store a periodic snapshot (the commands went on; the next due point retries), or null.</summary>
    public Exception? LastSnapshotFailure { get; private set; }

    /// <summary>
    /// Rebuilds the state: the newest valid snapshot (if the store keeps them), then every event after it, each
    /// checked by an <see cref="EventLogVerifier"/>. A damaged snapshot falls back to the one before it or to a full
    /// replay, noted in <see cref="Replay"/>; a damaged event stops the open.
    /// </summary>
    /// <exception cref="StoreIntegrityException">A gap, an altered or unreadable event (names its sequence).</exception>
    private async Task ReplayAsync(EngineSnapshotPolicy policy, CancellationToken cancellationToken)
    {
        _snapshotPolicy = policy;
        var warnings = new List<string>();
        var verifier = new EventLogVerifier(0, EventChain.Genesis);
        long replayed = 0;
        if (_store is ISnapshotStore snapshots)
        {
            foreach (var s in await snapshots.ReadSnapshotsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ReadSnapshot(s) is not { } state)
                {
                    warnings.Add(SnapshotProblem(s));
                    continue;
                }
                // The snapshot must continue this very log: the event at its sequence has to carry its chain checksum.
                StoredEvent? anchor = null;
                await foreach (var e in _store.ReadAsync(s.Sequence - 1, cancellationToken).ConfigureAwait(false))
                {
                    anchor = e;
                    break;
                }
                if (anchor is null || anchor.Sequence != s.Sequence)
                    throw new StoreIntegrityException(s.Sequence, StoreDamage.Gap,
                        $"The event log ends before event {s.Sequence}, which a snapshot of the state already contains: " +
                        "events at the end of the log were lost. " + EventLogVerifier.Advice);
                if (!string.Equals(anchor.Checksum, s.ChainChecksum, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add($"The snapshot at event {s.Sequence} does not match the log's checksum there and was ignored.");
                    continue;
                }
                _state.Load(state);
                verifier = new EventLogVerifier(s.Sequence, s.ChainChecksum);
                break;
            }
        }

        long start = verifier.LastSequence;
        await foreach (var e in _store.ReadAsync(start, cancellationToken).ConfigureAwait(false))
        {
            verifier.Check(e);
            _state.Apply(ReadDelta(e), e.OccurredAt);
            replayed++;
        }
        _lastSequence = verifier.LastSequence;
        _lastChecksum = verifier.LastChecksum;
        _snapshotSequence = start;
        Replay = new ReplayReport(start, replayed, _lastSequence, warnings.Count == 0 ? null : string.Join(" ", warnings));
    }

    private static EngineSnapshot? ReadSnapshot(StoredSnapshot s)
    {
        if (s.FormatVersion != EngineSnapshot.FormatVersion) return null;
        if (!string.Equals(EventChain.OfText(s.Payload), s.Checksum, StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return JsonSerializer.Deserialize<EngineSnapshot>(s.Payload, EventJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string SnapshotProblem(StoredSnapshot s) =>
        s.FormatVersion != EngineSnapshot.FormatVersion
            ? $"The snapshot at event {s.Sequence} has format {s.FormatVersion} (this version reads {EngineSnapshot.FormatVersion}) and was ignored."
            : $"The snapshot at event {s.Sequence} is damaged (checksum or content) and was ignored.";

    /// <summary>Notes appended events and snapshots when one is due; under the writer lock, after applying them.</summary>
    private async Task AfterAppendLockedAsync(IReadOnlyList<StoredEvent> appended, CancellationToken cancellationToken)
    {
        if (appended.Count == 0) return;
        _lastSequence = appended[^1].Sequence;
        _lastChecksum = appended[^1].Checksum ?? EventChain.Genesis;
        if (_snapshotPolicy.EveryEvents > 0 && _lastSequence - _snapshotSequence >= _snapshotPolicy.EveryEvents)
        {
            try
            {
                await SaveSnapshotLockedAsync(cancellationToken).ConfigureAwait(false);
                LastSnapshotFailure = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The events are stored; a snapshot is only a shortcut for the next start. Retry at the next due point.
                LastSnapshotFailure = ex;
                _snapshotSequence = _lastSequence;
            }
        }
    }

    /// <summary>
    /// Stores a snapshot of the current state now (e.g. on a clean shutdown, so the next start replays nothing) and
    /// returns its sequence; 0 when the store keeps no snapshots or the log is empty.
    /// </summary>
    public async Task<long> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SaveSnapshotLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    private async Task<long> SaveSnapshotLockedAsync(CancellationToken cancellationToken)
    {
        if (_store is not ISnapshotStore snapshots || _lastSequence == 0) return 0;
        string payload = JsonSerializer.Serialize(_state.ToSnapshot(), EventJson.Options);
        await snapshots.SaveSnapshotAsync(new StoredSnapshot(_lastSequence, EngineSnapshot.FormatVersion, _time.GetUtcNow(),
            _lastChecksum, EventChain.OfText(payload), payload), cancellationToken).ConfigureAwait(false);
        _snapshotSequence = _lastSequence;
        return _lastSequence;
    }
}
