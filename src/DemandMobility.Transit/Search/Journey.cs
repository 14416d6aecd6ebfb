using System.Collections.Immutable;

namespace DemandMobility.Transit.Search;

/// <summary>A journey from origin to destination: its legs in order and its departure and arrival.</summary>
public sealed record Journey(int Departure, int Arrival, ImmutableArray<JourneyLeg> Legs)
{
    /// <summary>Number of rides minus one (never negative).</summary>
    public int Transfers => Math.Max(0, Legs.Count(l => l.Kind == JourneyLegKind.Ride) - 1);
}
