using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Planning;

/// <summary>
/// The connection promise between the on-demand bus and a scheduled vehicle. A feeder must drop the rider off
/// by the departure minus the transfer buffer (a hard latest arrival of the on-demand booking, kept by the
/// optimiser like every promised arrival); a distributor leg picks the rider up no earlier than the arrival plus
/// the buffer. The buffer is the stop's minimum transfer time from transfers.txt when the feed gives one,
/// otherwise the planner's default.
/// </summary>
public static class ConnectionGuarantee
{
    /// <summary>Transfer buffer at a stop.</summary>
    public static TimeSpan Buffer(Timetable timetable, int stop, TimeSpan fallback) =>
        timetable.FeedTransferSeconds(stop) is { } s ? TimeSpan.FromSeconds(s) : fallback;

    /// <summary>Latest drop-off of a feeder to a departure.</summary>
    public static DateTimeOffset LatestDropoff(DateTimeOffset departure, TimeSpan buffer) => departure - buffer;

    /// <summary>Earliest pickup of a ride from an arrival.</summary>
    public static DateTimeOffset EarliestPickup(DateTimeOffset arrival, TimeSpan buffer) => arrival + buffer;
}
