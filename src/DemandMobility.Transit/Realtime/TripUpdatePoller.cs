using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Realtime;

/// <summary>
/// Polls a GTFS-Realtime TripUpdates source (file or URL) at an interval and publishes each new overlay; a
/// failed fetch or a malformed message keeps the previous overlay and is reported, never half-applied.
/// </summary>
public sealed class TripUpdatePoller(Timetable timetable, string source, TimeSpan interval, TimeProvider time, HttpClient? http = null)
{
    /// <summary>The overlay in force (replaced atomically).</summary>
    public DelayOverlay Current { get; private set; } = DelayOverlay.Empty;

    /// <summary>The last problem, or null after a successful poll.</summary>
    public string? LastError { get; private set; }

    /// <summary>Raised after each successful poll with the new overlay.</summary>
    public event Action<DelayOverlay>? Updated;

    /// <summary>Fetches once and applies the result.</summary>
    public async Task<bool> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var message = await TripUpdateReader.FetchAsync(source, http, cancellationToken).ConfigureAwait(false);
            var clock = Planning.ServiceClock.For(timetable.TimeZone);
            var overlay = TripUpdateReader.ToOverlay(message, timetable, clock.ToService(time.GetUtcNow()).Date, out _);
            Current = overlay;
            LastError = null;
            Updated?.Invoke(overlay);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or Google.Protobuf.InvalidProtocolBufferException
                                       or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LastError = $"{source}: {e.Message}";
            return false;
        }
    }

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do await PollOnceAsync(cancellationToken).ConfigureAwait(false);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
