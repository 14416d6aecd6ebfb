using System.Collections.Immutable;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Realtime;

/// <summary>
/// Real-time delays laid over the read-only timetable without rebuilding it: per trip instance (trip, service
/// date) the arrival and departure delay of each stop time of the trip, or "cancelled". Immutable; a new feed
/// message yields a new overlay that replaces the old one atomically.
/// </summary>
public sealed class DelayOverlay
{
    private readonly ImmutableDictionary<(int Trip, DateOnly Date), TripDelay> _trips;

    internal DelayOverlay(ImmutableDictionary<(int, DateOnly), TripDelay> trips, DateTimeOffset? timestamp)
    {
        _trips = trips;
        Timestamp = timestamp;
    }

    /// <summary>No delays.</summary>
    public static DelayOverlay Empty { get; } = new(ImmutableDictionary<(int, DateOnly), TripDelay>.Empty, null);

    /// <summary>When the feed was produced (its header timestamp).</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>Number of trip instances with real-time data.</summary>
    public int TripCount => _trips.Count;

    /// <summary>Whether the feed says anything about the trip instance (delays or cancellation).</summary>
    public bool Covers(int trip, DateOnly date) => _trips.ContainsKey((trip, date));

    /// <summary>Whether the trip instance is cancelled.</summary>
    public bool IsCancelled(int trip, DateOnly date) => _trips.TryGetValue((trip, date), out var d) && d.Cancelled;

    /// <summary>Arrival delay (seconds) at a stop time of a trip instance; 0 without data.</summary>
    public int ArrivalDelay(Timetable tt, int trip, DateOnly date, int stopTime) =>
        _trips.TryGetValue((trip, date), out var d) && !d.Cancelled ? d.Arrival[stopTime - tt.TripStart(trip)] : 0;

    /// <summary>Departure delay (seconds) at a stop time of a trip instance; 0 without data.</summary>
    public int DepartureDelay(Timetable tt, int trip, DateOnly date, int stopTime) =>
        _trips.TryGetValue((trip, date), out var d) && !d.Cancelled ? d.Departure[stopTime - tt.TripStart(trip)] : 0;

    internal sealed record TripDelay(bool Cancelled, int[] Arrival, int[] Departure);
}
