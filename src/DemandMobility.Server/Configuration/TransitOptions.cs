namespace DemandMobility.Server.Configuration;

/// <summary>Section <c>Transit</c>: the timetable behind <c>JourneyService</c>.</summary>
public sealed class TransitOptions
{
    public const string SectionName = "Transit";

    /// <summary>Whether journeys with trains and buses are planned; false answers FAILED_PRECONDITION.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// GTFS feed (zip or folder); a relative path is looked up like <c>Routing:PbfPath</c>. The compact timetable
    /// file is kept beside it (<c>.dmt</c>) and rebuilt when the feed changes.
    /// </summary>
    public string Feed { get; set; } = "routing-data/transit/illustrative";

    /// <summary>
    /// GTFS-Realtime TripUpdates to follow: an http(s) URL or a file path (relative to the working directory); empty
    /// follows none. Each poll's delays move the bookings tied to a train and feed the journey search.
    /// </summary>
    public string RealtimeFeed { get; set; } = "";

    /// <summary>How often <see cref="RealtimeFeed"/> is read (1 s to 1 h).</summary>
    public TimeSpan RealtimeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
