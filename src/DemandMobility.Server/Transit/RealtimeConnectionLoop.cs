using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Configuration;
using DemandMobility.Transit.Realtime;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Transit;

/// <summary>
/// Follows <c>Transit:RealtimeFeed</c>: every <c>Transit:RealtimeInterval</c> the TripUpdates are read
/// (<see cref="TripUpdatePoller"/>; a failed read keeps the last good overlay) and handed to the
/// <see cref="ConnectionKeeper"/>, which gives the delays to the journey planner and to the engine (bookings tied to a
/// train move with it; lost connections are alerted and re-planned, the replacement held for <c>ConfirmJourney</c>).
/// </summary>
internal sealed partial class RealtimeConnectionLoop(
    TransitPlanning transit,
    PlannedJourneys planned,
    DispatchEngine engine,
    IOptions<TransitOptions> options,
    TimeProvider time,
    ILogger<RealtimeConnectionLoop> logger) : BackgroundService
{
    /// <summary>How long a replacement itinerary without on-demand legs stays confirmable.</summary>
    private static readonly TimeSpan PlainHold = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.RealtimeFeed) || transit.Planner is not { } planner) return;
        string source = o.RealtimeFeed.Contains("://", StringComparison.Ordinal) ? o.RealtimeFeed : Path.GetFullPath(o.RealtimeFeed);
        var poller = new TripUpdatePoller(planner.Timetable, source, o.RealtimeInterval, time);
        var keeper = new ConnectionKeeper(planner, engine, time, (rider, itinerary) =>
        {
            var offers = itinerary.Legs.Where(l => l.Offer is not null).Select(l => l.Offer!.ExpiresAt).ToList();
            return planned.Add(rider, itinerary, offers.Count > 0 ? offers.Min() : time.GetUtcNow() + PlainHold);
        });
        using var timer = new PeriodicTimer(o.RealtimeInterval, time);
        try
        {
            do
            {
                if (!await poller.PollOnceAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogPollFailed(logger, poller.LastError ?? source);
                    continue;
                }
                try
                {
                    foreach (var u in await keeper.ApplyAsync(poller.Current, stoppingToken).ConfigureAwait(false))
                        LogUpdate(logger, u.Outcome.BookingId, u.Outcome.Kind.ToString(), u.Outcome.Reason);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed round must not stop following the feed; the next poll applies the delays again.
                    LogApplyFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "GTFS-Realtime feed not read, keeping the last delays: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection of booking {BookingId}: {Kind} ({Reason})")]
    private static partial void LogUpdate(ILogger logger, string bookingId, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying GTFS-Realtime delays to bookings failed.")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
