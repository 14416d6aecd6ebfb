using System.Collections.Immutable;

namespace DemandMobility.Transit.Planning;

/// <summary>A complete journey, door to door, as legs in order.</summary>
public sealed record Itinerary(ImmutableArray<ItineraryLeg> Legs)
{
    /// <summary>When the first leg starts.</summary>
    public DateTimeOffset Departure => Legs[0].Departure;

    /// <summary>When the last leg ends.</summary>
    public DateTimeOffset Arrival => Legs[^1].Arrival;

    /// <summary>Whether an on-demand leg is part of it.</summary>
    public bool HasOnDemandLeg => Legs.Any(l => l.Mode == LegMode.OnDemand);
}
