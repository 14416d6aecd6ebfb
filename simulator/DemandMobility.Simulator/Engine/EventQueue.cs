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
}
