using System.Collections.Concurrent;
using System.Collections.Immutable;
using DemandMobility.Transit.Planning;

namespace DemandMobility.Server.Transit;

/// <summary>
/// Itineraries planned and not yet expired, by id, for <c>ConfirmJourney</c>: held in memory like the engine's
/// offers (which expire with them), with the bookings once confirmed so that a retry returns the same ones.
/// </summary>
public sealed class PlannedJourneys(TimeProvider clock)
{
    /// <summary>A planned itinerary of a rider; <see cref="BookingIds"/> once confirmed.</summary>
    public sealed record Entry(string RiderId, Itinerary Itinerary, DateTimeOffset ExpiresAt)
    {
        public ImmutableArray<string>? BookingIds { get; init; }
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _confirming = new(1, 1);

    /// <summary>Holds an itinerary until <paramref name="expiresAt"/>; returns its new id.</summary>
    public string Add(string riderId, Itinerary itinerary, DateTimeOffset expiresAt)
    {
        Purge();
        string id = "j-" + Guid.NewGuid().ToString("N");
        _entries[id] = new Entry(riderId, itinerary, expiresAt);
        return id;
    }

    /// <summary>The rider's entry, or null when unknown, expired (and unconfirmed) or another rider's.</summary>
    public Entry? Find(string id, string riderId) =>
        _entries.TryGetValue(id, out var e) && e.RiderId == riderId && (e.BookingIds is not null || e.ExpiresAt > clock.GetUtcNow()) ? e : null;

    /// <summary>Runs one confirmation at a time, so that two concurrent retries cannot book a chain twice.</summary>
    public async Task<T> ConfirmingAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _confirming.WaitAsync(cancellationToken).ConfigureAwait(false);
        try { return await action().ConfigureAwait(false); }
        finally { _confirming.Release(); }
    }

    /// <summary>Records the bookings of a confirmed itinerary.</summary>
    public void Confirmed(string id, ImmutableArray<string> bookingIds)
    {
        if (_entries.TryGetValue(id, out var e)) _entries[id] = e with { BookingIds = bookingIds, ExpiresAt = clock.GetUtcNow().AddDays(1) };
    }

    private void Purge()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, e) in _entries)
            if (e.ExpiresAt <= now) _entries.TryRemove(id, out _);
    }
}
