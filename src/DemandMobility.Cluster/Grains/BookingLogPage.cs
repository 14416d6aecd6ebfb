using System.Collections.Immutable;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// A page of an area's event log as the control room needs it: which bookings appeared and when quotes were rejected
/// (only the events' public envelope; the bookings themselves are read from the engine).
/// </summary>
/// <param name="LastSequence">The last event read; the next page starts after it.</param>
/// <param name="BookingIds">Booking ids named by the events read (area-local in the grain), in log order, repeated ids possible.</param>
/// <param name="Rejections">Times of rejected quotes, oldest first.</param>
/// <param name="More">True when the page was cut at its size and more events follow.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.BookingLogPage")]
public sealed record BookingLogPage(
    [property: Id(0)] long LastSequence,
    [property: Id(1)] ImmutableArray<string> BookingIds,
    [property: Id(2)] ImmutableArray<DateTimeOffset> Rejections,
    [property: Id(3)] bool More);
