namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The future event list of the discrete-event simulation: ordered by time, ties by insertion order (a global
/// sequence number), so equal-time events run in the order they were scheduled and every run is reproducible.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (long Time, long Sequence)> _queue = new();
    private long _sequence;

    /// <summary>Number of pending events.</summary>
    public int Count => _queue.Count;

    /// <summary>Schedules an event.</summary>
    public void Add(SimEvent e) => _queue.Enqueue(e, (e.Time, _sequence++));

    /// <summary>Takes the next event; false when none is left.</summary>
    public bool TryTake(out SimEvent e) => _queue.TryDequeue(out e, out _);

    /// <summary>
    /// Takes every event before <paramref name="endTicks"/> that <paramref name="take"/> accepts, in queue order; the
    /// others stay with their original position (time and sequence), so the order of what remains is unchanged.
    /// </summary>
    public List<SimEvent> TakeBefore(long endTicks, Func<SimEvent, bool> take)
    {
        var taken = new List<SimEvent>();
        var kept = new List<(SimEvent Event, (long, long) Priority)>();
        while (_queue.TryPeek(out var e, out var priority) && e.Time < endTicks)
        {
            _queue.Dequeue();
            if (take(e)) taken.Add(e);
            else kept.Add((e, priority));
        }
        foreach (var (e, priority) in kept) _queue.Enqueue(e, priority);
        return taken;
    }
}
