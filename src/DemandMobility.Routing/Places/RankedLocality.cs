namespace DemandMobility.Routing.Places;

/// <summary>A settlement with how many named places (addresses, streets, stops, POIs) lie nearer to it than to any other.</summary>
/// <param name="Place">The locality (its name and position).</param>
/// <param name="NamedPlaces">Named places attached to it: a proxy for its size (a town outnumbers a hamlet), used to rank map labels.</param>
public sealed record RankedLocality(NamedPlace Place, int NamedPlaces);
