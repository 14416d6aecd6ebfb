using System.Collections.Immutable;

namespace DemandMobility.Transit.Search;

/// <summary>
/// A timetable search. Times are seconds after midnight of <see cref="Date"/> (may exceed 24 h or be negative).
/// An earliest-arrival search leaves at <see cref="Departure"/>; a profile search returns every Pareto-optimal
/// (departure, arrival) pair for departures in [<see cref="Departure"/>, <see cref="Departure"/> + <see cref="Window"/>].
/// Connections departing later than the window's end + <see cref="MaxDuration"/> are not considered.
/// </summary>
/// <param name="Date">Service date the times refer to.</param>
/// <param name="Departure">Earliest departure from the origin.</param>
/// <param name="Access">Legs from the origin to stops.</param>
/// <param name="Egress">Legs from stops to the destination.</param>
/// <param name="Window">Width of the departure range (profile only).</param>
/// <param name="MaxDuration">How long after the window a journey may still run.</param>
public sealed record TransitQuery(
    DateOnly Date, int Departure, ImmutableArray<StopAccess> Access, ImmutableArray<StopAccess> Egress,
    int Window = 0, int MaxDuration = 6 * 3600);
