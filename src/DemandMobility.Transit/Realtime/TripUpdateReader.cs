using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Realtime.Proto;
using DemandMobility.Transit.Timetables;
using Google.Protobuf;

namespace DemandMobility.Transit.Realtime;

/// <summary>
/// Turns GTFS-Realtime TripUpdates into a <see cref="DelayOverlay"/> (GTFS Realtime reference, "TripUpdate" and
/// "StopTimeUpdate"): a stop-time update matches the trip's stop by stop_id (or, without one, by 1-based
/// position = stop_sequence); a delay or an absolute time given for a stop holds for the following stops until
/// the next update (delay propagation as the reference describes), a trip-level delay for stops before the first
/// update, and a departure never precedes its arrival. CANCELED (and DELETED) trips are marked cancelled.
/// Entities for unknown trips are counted and skipped.
/// </summary>
public static class TripUpdateReader
{
    /// <summary>Parses a feed message; <see cref="InvalidProtocolBufferException"/> when the bytes are not one.</summary>
    public static FeedMessage Parse(ReadOnlySpan<byte> bytes) => FeedMessage.Parser.ParseFrom(bytes);

    /// <summary>Reads a feed message from a file path or an http(s) URL.</summary>
    public static async Task<FeedMessage> FetchAsync(string source, HttpClient? http = null, CancellationToken cancellationToken = default)
    {
        if (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            using var client = http is null ? new HttpClient() : null;
            var bytes = await (http ?? client!).GetByteArrayAsync(source, cancellationToken).ConfigureAwait(false);
            return Parse(bytes);
        }
        return Parse(await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Builds the overlay of a feed message for a timetable; unknown trips are reported in <paramref name="skipped"/>.</summary>
    public static DelayOverlay ToOverlay(FeedMessage message, Timetable tt, DateOnly today, out int skipped)
    {
        var clock = ServiceClock.For(tt.TimeZone);
        var trips = ImmutableDictionary.CreateBuilder<(int, DateOnly), DelayOverlay.TripDelay>();
        skipped = 0;
        foreach (var entity in message.Entity)
        {
            if (entity.IsDeleted || entity.TripUpdate is not { } update) continue;
            int trip = tt.TripIndex(update.Trip.TripId);
            if (trip < 0) { skipped++; continue; }
            var date = today;
            if (update.Trip.HasStartDate &&
                DateOnly.TryParseExact(update.Trip.StartDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) date = d;
            int n = tt.TripEnd(trip) - tt.TripStart(trip);
            var arr = new int[n];
            var dep = new int[n];
            var rel = update.Trip.ScheduleRelationship;
            if (rel is TripDescriptor.Types.ScheduleRelationship.Canceled or TripDescriptor.Types.ScheduleRelationship.Deleted)
            {
                trips[(trip, date)] = new DelayOverlay.TripDelay(true, arr, dep);
                continue;
            }
            // Updates by position; positions without one inherit the delay propagated from upstream.
            var given = new (int? Arr, int? Dep)[n];
            int from = 0;
            foreach (var u in update.StopTimeUpdate)
            {
                int pos = -1;
                if (u.HasStopId)
                {
                    for (int i = from; i < n; i++)
                        if (tt.StopId(tt.StopTimeStop(tt.TripStart(trip) + i)) == u.StopId) { pos = i; break; }
                }
                else if (u.HasStopSequence && u.StopSequence >= 1 && u.StopSequence <= n)
                {
                    pos = (int)u.StopSequence - 1;
                }
                if (pos < 0) continue;
                from = pos;
                int st = tt.TripStart(trip) + pos;
                given[pos] = (DelayOf(u.Arrival, clock, date, tt.StopTimeArrival(st)), DelayOf(u.Departure, clock, date, tt.StopTimeDeparture(st)));
            }
            int current = update.HasDelay ? update.Delay : 0;
            for (int i = 0; i < n; i++)
            {
                var (a, p) = given[i];
                if (a is { } av) current = av;
                arr[i] = current;
                if (p is { } pv) current = pv;
                int st = tt.TripStart(trip) + i;
                // A vehicle cannot leave before it arrives.
                dep[i] = Math.Max(current, tt.StopTimeArrival(st) + arr[i] - tt.StopTimeDeparture(st));
                current = dep[i];
            }
            trips[(trip, date)] = new DelayOverlay.TripDelay(false, arr, dep);
        }
        DateTimeOffset? stamp = message.Header.HasTimestamp ? DateTimeOffset.FromUnixTimeSeconds((long)message.Header.Timestamp) : null;
        return new DelayOverlay(trips.ToImmutable(), stamp);
    }

    private static int? DelayOf(TripUpdate.Types.StopTimeEvent? e, ServiceClock clock, DateOnly date, int scheduled)
    {
        if (e is null) return null;
        if (e.HasDelay) return e.Delay;
        if (e.HasTime) return (int)(e.Time - clock.ToInstant(date, scheduled).ToUnixTimeSeconds());
        return null;
    }
}
