using System.Collections.Immutable;

namespace DemandMobility.Transit.Planning;

/// <summary>The itineraries found (best first) and notes on what was tried and not offered (e.g. a rejected quote).</summary>
public sealed record JourneyPlan(ImmutableArray<Itinerary> Itineraries, ImmutableArray<string> Notes);
