using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Dispatch.Events;

/// <summary>
/// What a control room reads from an event's public envelope alone (type, stream id, time), without the payload:
/// which booking it concerns and whether it is a rejected quote. The booking itself is read from the engine.
/// </summary>
public static class BookingLogEnvelope
{
    private const string BookingStream = "booking/";

    /// <summary>The booking the event belongs to (stream <c>booking/{id}</c>), or null.</summary>
    public static string? BookingIdOf(StoredEvent e) =>
        e.StreamId.StartsWith(BookingStream, StringComparison.Ordinal) ? e.StreamId[BookingStream.Length..] : null;

    /// <summary>True for a quote the engine rejected.</summary>
    public static bool IsRejection(StoredEvent e) => e.Type == EventTypes.QuoteRejected;
}
