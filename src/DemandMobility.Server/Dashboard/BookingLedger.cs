using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// What the engine offers no list read for: which bookings exist and when quotes were rejected. Tails the event log
/// (only the public envelope: type, stream id "booking/{id}", time), so the engine stays the one owner of booking
/// state; <see cref="DashboardSnapshotBuilder"/> reads each open booking from the engine. Not thread-safe: the
/// builder serialises calls.
/// </summary>
internal sealed class BookingLedger(IConsoleSource source)
{
    /// <summary>How long finished bookings and rejections are remembered (the page shows today and the recent past).</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(2);

    private readonly Dictionary<string, Booking?> _bookings = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _rejections = [];

    /// <summary>Booking ids seen in the log, with the final record once finished (null while open or not yet read).</summary>
    public IReadOnlyDictionary<string, Booking?> Bookings => _bookings;

    /// <summary>Times of rejected quotes, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Rejections => _rejections;

    /// <summary>Reads the events appended since the last call (the whole log on the first call).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in source.ReadNewBookingLogAsync(cancellationToken).ConfigureAwait(false))
        {
            if (e.RejectedAt is { } at)
            {
                // Kept in time order: several areas' logs are read one after the other.
                int i = _rejections.Count;
                while (i > 0 && _rejections[i - 1] > at) i--;
                _rejections.Insert(i, at);
            }
            else if (e.BookingId is { } id) _bookings.TryAdd(id, null);
        }
    }

    /// <summary>Remembers a booking that reached a final status, so it is not read from the engine again.</summary>
    public void Finished(Booking booking) => _bookings[booking.Id] = booking;

    /// <summary>Forgets a booking the engine no longer knows (an offer swept after expiry).</summary>
    public void Forget(string bookingId) => _bookings.Remove(bookingId);

    /// <summary>Drops finished bookings and rejections older than the retention, so memory stays bounded on a long run.</summary>
    public void Prune(DateTimeOffset now)
    {
        var cutoff = now - Retention;
        List<string>? old = null;
        foreach (var (id, b) in _bookings)
            if (b?.FinishedAt is { } at && at < cutoff) (old ??= []).Add(id);
        if (old is not null) foreach (var id in old) _bookings.Remove(id);
        int stale = 0;
        while (stale < _rejections.Count && _rejections[stale] < cutoff) stale++;
        _rejections.RemoveRange(0, stale);
    }
}
