using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// The train (or scheduled bus) an on-demand trip is tied to, so that real-time delays can move the trip's promise:
/// a feeder's latest drop-off is <see cref="Scheduled"/> + delay − <see cref="Buffer"/>, a ride home's pickup window
/// moves with the train's arrival delay. The engine knows nothing of timetables; the ids are the feed's.
/// </summary>
/// <param name="Kind">Feeder to the departure, or ride home from the arrival.</param>
/// <param name="TripId">The feed's trip id.</param>
/// <param name="ServiceDate">The trip's service date (a trip id runs on many days).</param>
/// <param name="StopId">The stop where the rider boards (feeder) or leaves (ride home) the train.</param>
/// <param name="Scheduled">The timetable departure (feeder) or arrival (ride home) at <see cref="StopId"/>.</param>
/// <param name="Buffer">The transfer buffer between the on-demand bus and the train.</param>
/// <param name="Route">The route's name, for what riders and dispatchers are told.</param>
/// <param name="Delay">The train's delay already known when the trip was quoted (its times include it).</param>
/// <param name="JourneyEnd">The far end of the rider's whole journey (the destination of a feeder's journey, the origin of a
/// ride home's), so that a lost connection can be planned again; null when unknown.</param>
public sealed record TrainConnection(
    TrainConnectionKind Kind,
    string TripId,
    DateOnly ServiceDate,
    string StopId,
    DateTimeOffset Scheduled,
    TimeSpan Buffer,
    string Route,
    TimeSpan Delay = default,
    GeoPoint? JourneyEnd = null)
{
    /// <summary>Whether <paramref name="status"/> is about this train at this stop.</summary>
    public bool Matches(TrainStatus status) =>
        status.TripId == TripId && status.ServiceDate == ServiceDate && status.StopId == StopId;

    /// <summary>The train at the stop, as a dispatcher or rider reads it: "RE 3 07:58 at de:09472:1".</summary>
    public string Describe() => $"{Route} {(Kind == TrainConnectionKind.Feeder ? "leaving" : "arriving")} {Scheduled:HH:mm} UTC";
}
