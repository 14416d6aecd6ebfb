using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Folded past states kept at intervals of the event log, so the control room's replay folds only the events after the
/// nearest earlier checkpoint instead of the whole log on every slider move (the log is append-only, so a state folded
/// up to an event stays valid). Each checkpoint is an <see cref="EngineSnapshot"/>, which shares the immutable records
/// with the state it was taken from (a copy of the collections, not of the bookings and vehicles). Memory stays bounded:
/// beyond <see cref="MaxCount"/> every other checkpoint is dropped and the interval doubles. Thread-safe.
/// </summary>
internal sealed class ReplayCheckpoints(int interval = ReplayCheckpoints.DefaultInterval)
{
    /// <summary>Events between two checkpoints at first: a slider move folds at most this many events once they exist.</summary>
    public const int DefaultInterval = 500;

    /// <summary>The most checkpoints kept.</summary>
    public const int MaxCount = 256;

    private readonly object _gate = new();
    private readonly List<Checkpoint> _list = [];
    private int _interval = interval;

    /// <summary>Events between two checkpoints now.</summary>
    public int Interval
    {
        get { lock (_gate) return _interval; }
    }

    public int Count
    {
        get { lock (_gate) return _list.Count; }
    }

    /// <summary>The latest checkpoint whose last event occurred at or before <paramref name="at"/> and has a sequence of at most <paramref name="untilSequence"/>.</summary>
    public Checkpoint? Before(DateTimeOffset at, long untilSequence)
    {
        lock (_gate)
        {
            for (int i = _list.Count - 1; i >= 0; i--)
                if (_list[i].LastAt <= at && _list[i].Sequence <= untilSequence) return _list[i];
            return null;
        }
    }

    /// <summary>Whether a fold that just applied event <paramref name="sequence"/> should leave a checkpoint there.</summary>
    public bool Wants(long sequence)
    {
        lock (_gate)
            return sequence % _interval == 0 && !_list.Exists(c => c.Sequence == sequence);
    }

    /// <summary>Keeps a checkpoint (in sequence order; one already there is kept).</summary>
    public void Add(Checkpoint checkpoint)
    {
        lock (_gate)
        {
            int i = _list.FindIndex(c => c.Sequence >= checkpoint.Sequence);
            if (i >= 0 && _list[i].Sequence == checkpoint.Sequence) return;
            _list.Insert(i < 0 ? _list.Count : i, checkpoint);
            if (_list.Count <= MaxCount) return;
            // Thin out: keep the checkpoints on the doubled interval.
            _interval *= 2;
            _list.RemoveAll(c => c.Sequence % _interval != 0);
        }
    }

    /// <summary>The state after event <paramref name="Sequence"/> and what the hash chain needs to go on from there.</summary>
    /// <param name="Sequence">The last event folded.</param>
    /// <param name="LastAt">When it occurred.</param>
    /// <param name="Checksum">The chain checksum at that event (see <see cref="EventLogVerifier"/>).</param>
    /// <param name="State">The folded state.</param>
    internal sealed record Checkpoint(long Sequence, DateTimeOffset LastAt, string Checksum, EngineSnapshot State);
}
