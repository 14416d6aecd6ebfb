using DemandMobility.Dispatch.Travel;
using DemandMobility.Server.Configuration;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Storage;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Transit;

/// <summary>
/// The journey planner of the host, or why there is none: the timetable is loaded (or imported) once from
/// <c>Transit:Feed</c>; a disabled, missing or malformed feed leaves the host running without journeys.
/// </summary>
public sealed partial class TransitPlanning
{
    /// <summary>The planner, or null when no timetable is configured.</summary>
    public JourneyPlanner? Planner { get; }

    /// <summary>Why <see cref="Planner"/> is null (for the log); null when it is set.</summary>
    public string? Unavailable { get; }

    public TransitPlanning(IOptions<TransitOptions> options, IOnDemandTrips trips, ITravelTimeService travel, ILogger<TransitPlanning> logger)
    {
        var o = options.Value;
        if (!o.Enabled) { Unavailable = "Transit:Enabled is false"; return; }
        string? feed = TransitFeedLocator.Find(o.Feed);
        if (feed is null) { Unavailable = $"Transit:Feed '{o.Feed}' was not found"; LogUnavailable(logger, Unavailable); return; }
        try
        {
            var loaded = TimetableStore.LoadOrImport(feed);
            Planner = new JourneyPlanner(loaded.Timetable, trips, travel);
            LogLoaded(logger, loaded.Message, loaded.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever is wrong with the feed (malformed, unreadable, no room for the .dmt file), it must not take the
            // on-demand service down with it: the reason is logged and JourneyService answers FAILED_PRECONDITION.
            Unavailable = $"{feed}: {ex.Message}";
            LogUnavailable(logger, Unavailable);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timetable for journeys: {Message} ({Milliseconds:F0} ms)")]
    private static partial void LogLoaded(ILogger logger, string message, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No timetable for journeys: {Reason}; JourneyService answers FAILED_PRECONDITION")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
